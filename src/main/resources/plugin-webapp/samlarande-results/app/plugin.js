// Samlärande in Cockpit: the result measures on the dashboard and in the navigation, leading to the app's report.
// The figures come from the app's own report (same origin, same sign-in); the link works even if they do not load.

const REPORT = "/app/report";

function text(tag, content, className) {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) {
    element.className = className;
  }
  return element;
}

function link(href, label) {
  const a = text("a", label);
  a.href = href;
  return a;
}

function figure(label, value) {
  const item = document.createElement("div");
  item.className = "samlarande-figure";
  item.append(text("span", value, "samlarande-figure-value"), text("span", label, "samlarande-figure-label"));
  return item;
}

async function renderDashboard(container) {
  const section = document.createElement("section");
  section.className = "samlarande-results";
  section.setAttribute("aria-labelledby", "samlarande-results-heading");
  const year = new Date().getFullYear();
  const heading = text("h3", "Samlärande: resultatmått " + year, "section-title");
  heading.id = "samlarande-results-heading";
  const figures = document.createElement("div");
  figures.className = "samlarande-figures";
  const links = document.createElement("p");
  const period = "?from=" + year + "-01-01&to=" + year + "-12-31";
  links.append(link(REPORT + period, "Öppna resultatrapporten"), " · ", link("/app/visits", "Besök"));
  section.append(heading, figures, links);
  container.append(section);

  try {
    const response = await fetch(REPORT + "/summary.json" + period, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) {
      return;
    }
    const summary = await response.json();
    for (const item of summary.figures || []) {
      figures.append(figure(item.label, String(item.value)));
    }
  } catch (e) {
    // the link above still leads to the report
  }
}

export default [
  {
    id: "samlarande-results-dashboard",
    pluginPoint: "cockpit.dashboard",
    priority: 20,
    render: (container) => {
      renderDashboard(container);
    },
  },
  {
    id: "samlarande-results-navigation",
    pluginPoint: "cockpit.navigation",
    priority: 5,
    render: (container) => {
      container.append(link(REPORT, "Resultat"));
    },
  },
];
