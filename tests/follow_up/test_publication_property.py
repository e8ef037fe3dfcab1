"""Private until accepted, for any order of events: Hypothesis drives a round through any sequence
of save / sign off / withdraw / submit / return / accept / close / publish / unpublish / reopen, and
after every step an anonymous visitor and the compiled report see exactly the accepted reports of a
published round: every other report's text is nowhere they look. A small model of the rules
(statuses, sign-offs) predicts each step's outcome, so a service that allows too much or too little
fails too. Constructed test data (tests/pages/builders.py)."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from seuraamo.follow_up import selectors, services
from seuraamo.follow_up.models import Contribution, GoalReport
from seuraamo.follow_up.services import ContributionContent, FollowUpError, ReportContent
from tests.follow_up.builders import build_follow_up
from tests.pages.builders import build_programme
from tests.personas import coordinator

pytestmark = pytest.mark.django_db

GOALS = ("4.1", "4.2", "4.3")  # 4.2 is shared by three organisations (ELY centre, two areas)
EDITABLE = {"draft", "returned"}
REFUSED = (PermissionDenied, FollowUpError)


class RoundLifecycle(RuleBasedStateMachine):
    """One open round of three goals; the model: the round's status, each report's status,
    whether it has an assessment, and which organisations' parts are signed off."""

    def __init__(self) -> None:
        super().__init__()
        # Each example runs in a savepoint that `teardown` rolls back: a clean database each time.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        today = timezone.localdate()
        self.follow_up = build_follow_up(
            build_programme(today), today + datetime.timedelta(days=20)
        )
        organisations = self.follow_up.data.organisations
        self.partners = {
            organisations["etela-kymenlaakson-tyollisyysalue"].pk: coordinator(
                organisations["etela-kymenlaakson-tyollisyysalue"], "partner-south"
            ),
            organisations["kouvolan-tyollisyysalue"].pk: coordinator(
                organisations["kouvolan-tyollisyysalue"], "partner-kouvola"
            ),
        }
        self.reports = {number: self.follow_up.report(number) for number in GOALS}
        self.writers = {
            "4.1": self.follow_up.coordinator_b,
            "4.2": self.follow_up.coordinator_a,  # the ELY centre's successor leads 4.2
            "4.3": self.follow_up.coordinator_a,
        }
        self.parts = list(Contribution.objects.filter(report=self.reports["4.2"]).order_by("id"))
        assert len(self.parts) == 3
        self.round_status = "open"
        self.status = dict.fromkeys(GOALS, "draft")
        self.assessed = dict.fromkeys(GOALS, False)
        self.signed = dict.fromkeys((part.pk for part in self.parts), False)
        self.tokens = itertools.count()
        self.texts: dict[str, set[str]] = {number: set() for number in GOALS}

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # --- helpers ----------------------------------------------------------------------------

    def _part_writer(self, part: Contribution) -> object:
        return self.partners.get(part.organisation_id, self.follow_up.coordinator_a)

    def _editable(self, number: str) -> bool:
        return self.round_status == "open" and self.status[number] in EDITABLE

    def _expect(self, allowed: bool, action: object) -> object:
        if allowed:
            return action()
        with pytest.raises(REFUSED):
            action()
        return None

    # --- coordinators -----------------------------------------------------------------------

    @rule(number=st.sampled_from(GOALS))
    def save(self, number: str) -> None:
        report = GoalReport.objects.get(pk=self.reports[number].pk)
        token = f"YKSITYINEN-{number}-{next(self.tokens)}"
        content = ReportContent(assessment="partly", texts={"assessment_text": token})
        saved = self._expect(
            self._editable(number),
            lambda: services.save_report(
                actor=self.writers[number],
                report_id=report.pk,
                expected_version=report.version,
                content=content,
            ),
        )
        if saved is not None:
            self.assessed[number] = True
            self.texts[number].add(token)

    @rule(index=st.integers(0, 2), sign=st.booleans())
    def sign_off_part(self, index: int, sign: bool) -> None:
        part = Contribution.objects.get(pk=self.parts[index].pk)
        writer = self._part_writer(part)
        if sign and not self.signed[part.pk] and self._editable("4.2"):
            token = f"OSUUS-{index}-{next(self.tokens)}"
            content = ContributionContent(texts={"done": token})
            services.save_contribution(
                actor=writer,
                contribution_id=part.pk,
                expected_version=part.version,
                content=content,
            )
            self.texts["4.2"].add(token)
        act = services.sign_off_contribution if sign else services.withdraw_sign_off
        changed = self._expect(
            self._editable("4.2"), lambda: act(actor=writer, contribution_id=part.pk)
        )
        if changed is not None:
            assert changed == (self.signed[part.pk] != sign)
            self.signed[part.pk] = sign

    @rule(number=st.sampled_from(GOALS))
    def submit(self, number: str) -> None:
        if self._editable(number) and self.status[number] in EDITABLE:
            parts_signed = number != "4.2" or all(self.signed.values())
            allowed = self.assessed[number] and parts_signed
        else:
            allowed = False
        if self.status[number] in ("submitted", "accepted"):
            assert (
                services.submit_report(
                    actor=self.writers[number], report_id=self.reports[number].pk
                )
                is False
            )
            return
        if self._expect(
            allowed,
            lambda: services.submit_report(
                actor=self.writers[number], report_id=self.reports[number].pk
            ),
        ):
            self.status[number] = "submitted"

    # --- the programme admin ----------------------------------------------------------------

    @rule(number=st.sampled_from(GOALS), accept=st.booleans())
    def review(self, number: str, accept: bool) -> None:
        admin, pk = self.follow_up.admin, self.reports[number].pk
        target = "accepted" if accept else "returned"
        if self.round_status == "open" and self.status[number] == target:
            return  # a second accept or return changes nothing (tested elsewhere)
        allowed = self.round_status == "open" and self.status[number] == "submitted"
        if accept:
            done = self._expect(allowed, lambda: services.accept_report(actor=admin, report_id=pk))
        else:
            done = self._expect(
                allowed,
                lambda: services.return_report(actor=admin, report_id=pk, comment="Korjaa."),
            )
        if done:
            self.status[number] = target

    @rule()
    def close(self) -> None:
        services.close_round(actor=self.follow_up.admin, round_id=self._round_id, reason="Kokeilu.")
        if self.round_status == "open":
            self.round_status = "closed"

    @rule()
    def publish(self) -> None:
        if self._expect(
            self.round_status != "open",
            lambda: services.publish_round(actor=self.follow_up.admin, round_id=self._round_id),
        ):
            self.round_status = "published"

    @rule()
    def unpublish(self) -> None:
        services.unpublish_round(actor=self.follow_up.admin, round_id=self._round_id)
        if self.round_status == "published":
            self.round_status = "closed"

    @rule()
    def reopen(self) -> None:
        services.reopen_round(actor=self.follow_up.admin, round_id=self._round_id)
        self.round_status = "open"

    @property
    def _round_id(self) -> int:
        return self.follow_up.reporting_round.pk

    # --- what everyone sees -----------------------------------------------------------------

    @invariant()
    def the_database_follows_the_rules(self) -> None:
        self.follow_up.reporting_round.refresh_from_db()
        assert self.follow_up.reporting_round.status == self.round_status
        stored = {
            number: GoalReport.objects.get(pk=report.pk).status
            for number, report in self.reports.items()
        }
        assert stored == self.status

    @invariant()
    def the_public_and_the_compiled_report_see_exactly_the_accepted_reports(self) -> None:
        public = {
            n for n in GOALS if self.status[n] == "accepted" and self.round_status == "published"
        }
        accepted = {n for n in GOALS if self.status[n] == "accepted"}
        anonymous = AnonymousUser()
        readable = set()
        for number, report in self.reports.items():
            try:
                page = selectors.report_page(anonymous, report.pk)
            except PermissionDenied:
                continue
            readable.add(number)
            assert page is not None and page.report.pk == report.pk
        assert readable == public
        period = self.follow_up.reporting_round.period
        compiled = selectors.compile_round(self.follow_up.reporting_round)
        titles = {d["goal"]["key"] for d in compiled.documents}
        assert titles == {self.reports[n].goal.key for n in accepted}
        shown = repr(compiled.documents)
        if self.round_status == "published":
            dashboard = selectors.round_dashboard(anonymous, period)
            shown += repr([row.document for row in dashboard.rows])
            assert {row.goal["key"] for row in dashboard.rows if row.document} == {
                self.reports[n].goal.key for n in public
            }
        else:
            with pytest.raises(PermissionDenied):
                selectors.compiled_report(anonymous, period)
        for number in set(GOALS) - accepted:
            for text in self.texts[number]:
                assert text not in shown, (number, text)


def test_only_accepted_reports_of_published_rounds_are_ever_public(db: None) -> None:
    run_state_machine_as_test(
        RoundLifecycle,
        settings=settings(
            max_examples=10,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
