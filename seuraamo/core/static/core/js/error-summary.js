// The error summary (core/partials/error_summary.html) takes the focus when the page loads, and its links move the
// focus to their field with the field's label or legend in view (GOV.UK's error summary). Without this script the
// summary still has autofocus and the links still go to the fields.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  if (document.activeElement !== summary) { summary.focus(); }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var group = field.closest("fieldset, .field");
    var caption = group && group.querySelector("legend, label");
    (caption || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
