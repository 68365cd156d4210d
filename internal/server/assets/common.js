// healthloc workspace: what the pages share. Plain JavaScript with no
// build step and no request beyond this server. Every piece of text shown
// comes from the server as HTML that html/template escaped, or is set
// with textContent.
"use strict";

(function () {
  const csrf = () => {
    const m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.content : "";
  };

  // api calls the workspace's JSON API: a GET without body, a POST with.
  async function api(path, body) {
    const headers = { Accept: "application/json" };
    const opts = { headers, credentials: "same-origin" };
    if (body !== undefined) {
      opts.method = "POST";
      headers["Content-Type"] = "application/json";
      headers["X-CSRF-Token"] = csrf();
      opts.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, opts);
    } catch (e) {
      return { status: 0, data: { error: "the workspace cannot be reached: is healthloc serve still running?" } };
    }
    let data = {};
    try {
      data = await res.json();
    } catch (e) {
      data = { error: "unexpected answer (" + res.status + ")" };
    }
    return { status: res.status, data };
  }

  // fragment parses HTML the server rendered with html/template.
  function fragment(html) {
    const t = document.createElement("template");
    t.innerHTML = html || "";
    return t.content;
  }

  window.healthloc = { api, fragment };
})();
