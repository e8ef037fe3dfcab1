// Seuraamo charts: turns the server-rendered SVG of each chart into an interactive Vega view, and
// updates the time-series figure in place when its form is submitted. Without JavaScript the page
// works as it is: the SVG, the table and the GET form (which reloads the page) stay.
// Loaded as a module after the vendored Vega bundle (window.vegaEmbed).

const localeElement = document.getElementById("vega-locale");
const locale = localeElement ? JSON.parse(localeElement.textContent) : {};

async function enhance(figure) {
  const specElement = figure.querySelector("script.chart__spec");
  const target = figure.querySelector(".chart__interactive");
  const staticView = figure.querySelector(".chart__static");
  if (!specElement || !target || !staticView || typeof window.vegaEmbed !== "function") {
    return;
  }
  const spec = JSON.parse(specElement.textContent);
  const responsive = Boolean(spec.usermeta && spec.usermeta.responsive && spec.width);
  if (responsive) {
    // Fill the figure's width (the server renders at a fixed width and the SVG scales). The width
    // is measured here: Vega's "container" width needs the expression compiler the CSP forbids.
    spec.width = figure.clientWidth || spec.width;
    spec.autosize = { type: "fit-x", contains: "padding" };
  }
  try {
    // The Content-Security-Policy allows neither eval nor inline styles: Vega evaluates its
    // expressions with the interpreter, and the embed and tooltip styles live in situation.css.
    const result = await window.vegaEmbed(target, spec, {
      renderer: "svg",
      actions: false,
      ast: true,
      defaultStyle: false,
      formatLocale: locale.format,
      timeFormatLocale: locale.time,
      tooltip: { theme: "light", disableDefaultStyle: true },
    });
    const svg = target.querySelector("svg");
    if (svg) {
      // The interactive view replaces the static image for sighted users; the label stays the same.
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", staticView.querySelector("svg")?.getAttribute("aria-label") || "");
    }
    staticView.hidden = true;
    target.hidden = false;
    figure.dataset.interactive = "true";
    if (responsive && typeof ResizeObserver === "function") {
      new ResizeObserver(() => {
        if (figure.clientWidth && figure.clientWidth !== result.view.width()) {
          result.view.width(figure.clientWidth).runAsync();
        }
      }).observe(figure);
    }
    return result;
  } catch (error) {
    // Keep the static SVG when the interactive view cannot be drawn.
    target.hidden = true;
    staticView.hidden = false;
    console.warn("Chart stays static:", error);
  }
}

// A chart becomes interactive when it comes near the screen: drawing all of them at once takes
// about a second of processor time on a desktop and several on a phone, and most are below the
// fold (or in closed sections). Until then, and when printing, the server's SVG is shown.
function enhanceWhenNear(root) {
  const figures = [...root.querySelectorAll("figure.chart")].filter(
    (figure) => figure.dataset.interactive !== "true",
  );
  if (typeof IntersectionObserver !== "function") {
    figures.forEach(enhance);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          enhance(entry.target);
        }
      }
    },
    { rootMargin: "300px 0px" },
  );
  figures.forEach((figure) => observer.observe(figure));
}

function enhanceForm(form) {
  const fragmentUrl = form.dataset.fragmentUrl;
  const targetId = form.dataset.target;
  const status = document.getElementById(form.dataset.status);
  if (!fragmentUrl || !targetId) {
    return;
  }
  let controller = null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const query = new URLSearchParams(new FormData(form)).toString();
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    form.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(`${fragmentUrl}?${query}`, {
        headers: { "X-Requested-With": "fetch" },
        signal: controller.signal,
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      const html = await response.text();
      const current = document.getElementById(targetId);
      const holder = document.createElement("div");
      holder.innerHTML = html;
      const replacement = holder.firstElementChild;
      current.replaceWith(replacement);
      await enhance(replacement);
      // The server may show another statistic than asked (one without data for the area):
      // keep the selectors in step with what the chart shows.
      for (const name of ["area", "statistic"]) {
        const select = form.elements.namedItem(name);
        if (select && select.tagName === "SELECT" && replacement.dataset[name]) {
          select.value = replacement.dataset[name];
        }
      }
      const url = new URL(window.location.href);
      url.search = new URLSearchParams(new FormData(form)).toString();
      url.hash = form.dataset.target;
      window.history.replaceState(null, "", url);
      if (status) {
        const caption = replacement.querySelector("figcaption .chart__title");
        status.textContent = `${status.dataset.updated} ${caption ? caption.textContent.trim() : ""}`;
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        // Fall back to an ordinary page load.
        form.submit();
      }
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
}

enhanceWhenNear(document);
document.querySelectorAll("form[data-fragment-url]").forEach(enhanceForm);
