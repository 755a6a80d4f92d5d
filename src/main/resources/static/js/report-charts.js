// The report's charts: drawn with Chart.js (served by the app from static/vendor/chartjs/) from the JSON the page
// carries in <script type="application/json" id="report-chart-data">. Each chart has the table below it as its
// text alternative; without JavaScript the tables are the report.
(function () {
  'use strict';
  var source = document.getElementById('report-chart-data');
  if (!source || typeof Chart === 'undefined') {
    return;
  }
  var charts = JSON.parse(source.textContent);
  // Colours that stay apart for the common kinds of colour blindness (Okabe–Ito).
  var colours = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9'];
  Object.keys(charts).forEach(function (id) {
    var canvas = document.getElementById('chart-' + id);
    if (!canvas) {
      return;
    }
    var chart = charts[id];
    var valueAxis = { stacked: chart.stacked, beginAtZero: true, ticks: { precision: 0 } };
    var labelAxis = { stacked: chart.stacked };
    new Chart(canvas, {
      type: chart.type,
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (series, i) {
          return { label: series.label, data: series.data, backgroundColor: colours[i % colours.length] };
        })
      },
      options: {
        indexAxis: chart.horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        scales: chart.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis }
      }
    });
    canvas.closest('figure').classList.add('drawn');
  });
})();
