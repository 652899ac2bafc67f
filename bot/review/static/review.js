// Kotobot review: small progressive enhancements. Every page works without this file.
"use strict";

(function () {
  // "Select all" on the Improve page.
  const selectAll = document.getElementById("select-all");
  if (selectAll) {
    selectAll.addEventListener("change", function () {
      document.querySelectorAll('input[name="event_id"]').forEach(function (box) {
        box.checked = selectAll.checked;
      });
    });
  }

  // Analytics charts (Chart.js, served from /vendor/ after `npm ci --prefix bot/review`).
  const dataElement = document.getElementById("chart-data");
  if (!dataElement || typeof window.Chart === "undefined") {
    return;
  }
  const data = JSON.parse(dataElement.textContent);
  // Series keep their codes as keys; the server names them in the coordinator's language.
  const labels = data.labels || {};
  const days = labels.days || data.days;
  const nameOf = function (group, key) { return (labels[group] && labels[group][key]) || key; };
  const palette = ["#1f5f99", "#d9822b", "#2e8540", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d"];
  const colour = function (index) { return palette[index % palette.length]; };
  const stacked = { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } };

  const stateColours = { queued: "#d9822b", sent: "#2e8540", failed: "#c0392b" };

  function bars(id, group, colours) {
    const series = data[group];
    const element = document.getElementById(id);
    if (!element) { return; }
    const datasets = Object.keys(series).map(function (name, index) {
      const background = (colours && colours[name]) || colour(index);
      return { label: nameOf(group, name), data: series[name], backgroundColor: background };
    });
    new window.Chart(element, {
      type: "bar",
      data: { labels: days, datasets: datasets },
      options: { animation: false, scales: stacked },
    });
  }

  bars("chart-language", "byLanguage");
  bars("chart-channel", "byChannel");
  bars("chart-handoffs", "handoffs", stateColours);

  const services = document.getElementById("chart-services");
  if (services) {
    new window.Chart(services, {
      type: "bar",
      data: {
        labels: data.services.map(function (item) { return item[0]; }),
        datasets: [{ label: labels.conversations || "conversations", data: data.services.map(function (item) { return item[1]; }), backgroundColor: colour(0) }],
      },
      options: { animation: false, indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  const fallback = document.getElementById("chart-fallback");
  if (fallback) {
    new window.Chart(fallback, {
      type: "line",
      data: {
        labels: days,
        datasets: [{
          label: labels.fallbackRate || "fallback rate",
          data: data.fallbackRate.map(function (v) { return v === null ? null : v * 100; }),
          borderColor: colour(4), spanGaps: true,
        }],
      },
      options: { animation: false, scales: { y: { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v.toLocaleString(document.documentElement.lang) + " %"; } } } } },
    });
  }
})();
