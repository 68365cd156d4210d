// healthloc workspace: the overview, kept live.
"use strict";

(function () {
  const { fragment } = window.healthloc;

  function initOverview() {
    const table = document.getElementById("overview");
    if (!table) return;
    const form = document.getElementById("filters");
    const live = document.getElementById("live");
    const apply = () => {
      const show = Array.from(form.querySelectorAll("input[name=show]:checked"), (i) => i.value);
      for (const tr of table.tBodies[0].rows) {
        const cells = Array.from(tr.querySelectorAll("td"));
        tr.hidden = show.length > 0 && !cells.some((td) => show.some((f) => Number(td.dataset[f]) > 0));
      }
      const q = new URLSearchParams();
      show.forEach((s) => q.append("show", s));
      history.replaceState(null, "", q.toString() ? "?" + q : location.pathname);
    };
    form.addEventListener("change", apply);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      apply();
    });
    let etag = "";
    const poll = async () => {
      try {
        const res = await fetch("/api/overview", {
          headers: { Accept: "application/json", "If-None-Match": etag },
          credentials: "same-origin",
        });
        if (res.status === 401) {
          live.textContent = "You are signed out: reload the page to sign in again.";
          return; // no more polling
        }
        if (res.status === 200) {
          etag = res.headers.get("ETag") || "";
          const data = await res.json();
          if (data.key !== table.dataset.key) {
            table.tBodies[0].replaceChildren(fragment(data.tbody));
            table.tFoot.replaceChildren(fragment(data.tfoot));
            table.dataset.key = data.key;
            apply();
            live.textContent = "Updated with the latest changes at " + new Date().toLocaleTimeString();
          }
        }
      } catch (e) {
        // the next poll tries again
      }
      setTimeout(poll, Number(table.dataset.poll || 2000));
    };
    poll();
  }

  document.addEventListener("DOMContentLoaded", initOverview);
})();
