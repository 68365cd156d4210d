// healthloc workspace: the editor of one document in one locale.
"use strict";

(function () {
  const { api, fragment } = window.healthloc;

  function initEditor() {
    const list = document.getElementById("entries");
    if (!list) return;
    const loc = list.dataset.locale;
    const doc = list.dataset.document;
    const announce = document.getElementById("announce");
    const say = (msg) => {
      announce.textContent = "";
      setTimeout(() => (announce.textContent = msg), 30);
    };
    const originals = new WeakMap(); // row → its editor's nodes as loaded
    const carets = new WeakMap(); // editor → last range in it
    const timers = new WeakMap();
    const seq = new WeakMap();
    let lastRow = null; // the entry worked on last
    list.addEventListener("focusin", (e) => {
      lastRow = rowOf(e.target) || lastRow;
    });

    const editorOf = (row) => row.querySelector(".editor");
    const rows = () => Array.from(list.querySelectorAll("li.entry")).filter((r) => !r.hidden);
    const rowOf = (el) => el && el.closest && el.closest("li.entry");
    const msg = (row, text, bad) => {
      const m = row.querySelector("[data-role=msg]");
      m.textContent = text;
      m.classList.toggle("bad", !!bad);
    };

    // parts serializes an editor: prose and tokens, as the server joins
    // them back.
    function parts(ed) {
      const out = [];
      const push = (t) => {
        if (!t) return;
        const last = out[out.length - 1];
        if (last && last.k === undefined) last.t += t;
        else out.push({ t });
      };
      const walk = (node) => {
        for (const n of node.childNodes) {
          if (n.nodeType === Node.TEXT_NODE) {
            push(n.data);
          } else if (n.nodeType === Node.ELEMENT_NODE) {
            if (n.dataset && n.dataset.tok) out.push({ k: Number(n.dataset.tok) });
            else if (n.tagName === "BR") push("\n");
            else {
              if ((n.tagName === "DIV" || n.tagName === "P") && out.length) push("\n");
              walk(n);
            }
          }
        }
      };
      walk(ed);
      return out;
    }
    const serial = (ed) => JSON.stringify(parts(ed));

    function makeToken(n, code, label) {
      const s = document.createElement("span");
      s.className = "tok";
      s.contentEditable = "false";
      s.dataset.tok = n;
      s.title = code;
      s.textContent = label;
      return s;
    }

    function caretAfter(node) {
      const r = document.createRange();
      r.setStartAfter(node);
      placeCaret(r, true);
    }

    function caretAtEnd(ed) {
      const r = document.createRange();
      r.selectNodeContents(ed);
      placeCaret(r, false);
    }

    // placeCaret collapses r to its start (or end) and puts the caret there.
    function placeCaret(r, toStart) {
      r.collapse(toStart);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
    }

    function tokensIn(ed, range) {
      return Array.from(ed.querySelectorAll(".tok")).filter((t) => range.intersectsNode(t));
    }

    // replaceKeepingTokens deletes a range's text but keeps its tokens,
    // so that no placeholder is ever lost, and inserts text before them.
    function replaceKeepingTokens(ed, range, text) {
      const toks = tokensIn(ed, range);
      range.deleteContents();
      const frag = document.createDocumentFragment();
      let last = null;
      if (text) {
        last = document.createTextNode(text);
        frag.append(last);
      }
      toks.forEach((t) => frag.append(t));
      const first = frag.firstChild;
      range.insertNode(frag);
      if (last) caretAfter(last);
      else if (first) {
        const r = document.createRange();
        r.setStartBefore(first);
        r.collapse(true);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
      }
      ed.normalize();
      changed(rowOf(ed));
    }

    function bind(row) {
      const ed = editorOf(row);
      originals.set(row, Array.from(ed.childNodes, (n) => n.cloneNode(true)));
      row.dataset.saved = serial(ed);
      const oneLine = row.dataset.singleLine === "true";
      ed.addEventListener("beforeinput", (e) => {
        const t = e.inputType;
        if (t.startsWith("format")) {
          e.preventDefault(); // the text is plain; markup is in the tokens
          return;
        }
        if (t === "insertParagraph" || t === "insertLineBreak") {
          e.preventDefault();
          if (!oneLine) document.execCommand("insertText", false, "\n");
          return;
        }
        let text = null;
        if (t === "insertFromPaste" || t === "insertFromDrop" || t === "insertReplacementText") {
          e.preventDefault();
          text = e.dataTransfer ? e.dataTransfer.getData("text/plain") : e.data || "";
          if (oneLine) text = text.replace(/\s*\n\s*/g, " ");
          const ranges = e.getTargetRanges();
          const r = ranges.length ? staticToRange(ranges[0]) : getSelection().getRangeAt(0);
          if (tokensIn(ed, r).length) replaceKeepingTokens(ed, r, text);
          else if (text) document.execCommand("insertText", false, text);
          return;
        }
        if (t.startsWith("delete") || t.startsWith("insert")) {
          const ranges = e.getTargetRanges();
          for (const sr of ranges) {
            const r = staticToRange(sr);
            if (tokensIn(ed, r).length) {
              e.preventDefault();
              replaceKeepingTokens(ed, r, t.startsWith("insert") ? e.data : "");
              msg(row, "Placeholders stay: move one with the buttons under the text.");
              return;
            }
          }
        }
      });
      ed.addEventListener("input", () => changed(row));
      ed.addEventListener("keydown", (e) => editorKeys(e, row));
      const label = row.querySelector('[id^="l-"]');
      if (label) label.addEventListener("click", () => ed.focus());
      row.addEventListener("click", (e) => {
        const b = e.target.closest("button[data-act]");
        if (b) act(row, b);
      });
      row.querySelector("[data-role=suggest]").addEventListener("toggle", (e) => {
        if (e.target.open) loadSuggestions(row);
      });
      for (const b of row.querySelectorAll(".tok-btn")) {
        b.addEventListener("click", () => placeToken(row, b));
      }
    }

    function staticToRange(sr) {
      const r = document.createRange();
      r.setStart(sr.startContainer, sr.startOffset);
      r.setEnd(sr.endContainer, sr.endOffset);
      return r;
    }

    document.addEventListener("selectionchange", () => {
      const sel = getSelection();
      if (!sel.rangeCount) return;
      const r = sel.getRangeAt(0);
      const ed = r.startContainer.nodeType === Node.ELEMENT_NODE ? r.startContainer.closest(".editor") : r.startContainer.parentElement && r.startContainer.parentElement.closest(".editor");
      if (ed) carets.set(ed, r.cloneRange());
    });

    // placeToken puts token n at the editor's caret, moving it if the
    // text has it already.
    function placeToken(row, btn) {
      const ed = editorOf(row);
      let r = carets.get(ed);
      if (!r || !ed.contains(r.startContainer)) {
        r = document.createRange();
        r.selectNodeContents(ed);
        r.collapse(false);
      }
      const n = btn.dataset.tok;
      let tok = ed.querySelector('.tok[data-tok="' + n + '"]');
      if (tok && tok.contains(r.startContainer)) return;
      if (!tok) tok = makeToken(n, btn.title, btn.textContent);
      r.collapse(true);
      r.insertNode(tok);
      ed.normalize();
      ed.focus();
      caretAfter(tok);
      changed(row);
      say("Placeholder " + btn.textContent + " placed.");
    }

    function dirty(row) {
      return serial(editorOf(row)) !== row.dataset.saved;
    }

    // changed notes an edit and checks the text after a pause in typing.
    function changed(row) {
      if (!row) return;
      row.classList.toggle("dirty", dirty(row));
      clearTimeout(timers.get(row));
      timers.set(row, setTimeout(() => check(row), 350));
    }

    async function check(row) {
      const n = (seq.get(row) || 0) + 1;
      seq.set(row, n);
      const ed = editorOf(row);
      const { status, data } = await api("/api/check", { locale: loc, document: doc, id: row.dataset.id, parts: parts(ed) });
      if (seq.get(row) !== n || !row.isConnected) return; // typed on since
      if (status !== 200) {
        msg(row, data.error || "the check failed", true);
        return;
      }
      const box = row.querySelector(".findings");
      box.replaceChildren(fragment(data.html));
      box.dataset.checked = "true";
      row.dataset.blocking = data.blocking ? "true" : "false";
    }

    function replaceRow(row, html, focus) {
      const next = fragment(html).firstElementChild;
      if (!next) return row;
      next.hidden = row.hidden;
      row.replaceWith(next);
      bind(next);
      if (focus) {
        editorOf(next).focus();
        caretAtEnd(editorOf(next));
      }
      applyOnlyWork();
      return next;
    }

    async function save(row, base) {
      const ed = editorOf(row);
      msg(row, "Saving…");
      const body = { locale: loc, document: doc, id: row.dataset.id, base: base || row.dataset.base, parts: parts(ed) };
      const { status, data } = await api("/api/save", body);
      if (status === 200) {
        const next = replaceRow(row, data.row, document.activeElement === ed || row.contains(document.activeElement));
        const note = data.unchanged ? "Nothing to save: " + data.note + "." : "Saved.";
        msg(next, note);
        say(note);
        return;
      }
      if (status === 409) {
        showConflict(row, data);
        return;
      }
      msg(row, data.error || "not saved (" + status + ")", true);
      say(data.error || "not saved");
    }

    function showConflict(row, data) {
      const box = row.querySelector("[data-role=conflict]");
      box.replaceChildren(fragment(data.html));
      box.hidden = false;
      row.classList.add("in-conflict");
      box.querySelector("[data-act=keep-mine]").addEventListener("click", (e) => {
        e.stopPropagation();
        box.hidden = true;
        row.classList.remove("in-conflict");
        save(row, data.hash);
      });
      box.querySelector("[data-act=use-theirs]").addEventListener("click", (e) => {
        e.stopPropagation();
        replaceRow(row, data.row, true);
      });
      msg(row, data.error, true);
      const h = box.querySelector("h2");
      h.tabIndex = -1;
      h.focus();
      say(data.error);
    }

    const reviewPaths = { approve: "/api/approve", override: "/api/approve", reject: "/api/reject", accept: "/api/accept" };

    async function review(row, kind, btn) {
      if (dirty(row)) {
        msg(row, "Save your changes first: a review applies to the saved text.", true);
        return;
      }
      const body = { locale: loc, document: doc, id: row.dataset.id, hash: row.dataset.shown };
      const field = (name) => {
        const scope = btn.closest("p, details") || row;
        const i = scope.querySelector("[data-field=" + name + "]");
        return i ? i.value.trim() : "";
      };
      if (kind === "override") {
        body.override = field("override");
        if (!body.override) {
          msg(row, "Give the reason to approve despite the check errors.", true);
          return;
        }
      }
      if (kind === "reject") body.comment = field("comment");
      if (kind === "accept") {
        body.check = btn.dataset.check;
        body.reason = field("reason");
      }
      msg(row, "Sending…");
      const { status, data } = await api(reviewPaths[kind], body);
      if (status === 200) {
        const next = replaceRow(row, data.row, true);
        const note = data.unchanged ? data.note : { approve: "Approved.", override: "Approved with override.", reject: "Candidate rejected.", accept: "Finding accepted." }[kind];
        msg(next, note);
        say(note);
        return;
      }
      if (status === 422 && data.findings_html) {
        row.querySelector(".findings").replaceChildren(fragment(data.findings_html));
      }
      if (status === 409 && data.row) {
        const next = replaceRow(row, data.row, true);
        msg(next, data.error, true);
        say(data.error);
        return;
      }
      msg(row, data.error || "refused (" + status + ")", true);
      say(data.error || "refused");
    }

    function act(row, btn) {
      const a = btn.dataset.act;
      if (a === "save") save(row);
      else if (reviewPaths[a]) review(row, a, btn);
      else if (a === "use-memory") useMemory(row, btn);
    }

    async function loadSuggestions(row) {
      const body = row.querySelector("[data-role=suggest-body]");
      if (body.dataset.loaded) return;
      const q = new URLSearchParams({ locale: loc, document: doc, id: row.dataset.id });
      const { status, data } = await api("/api/suggest?" + q);
      if (status !== 200) {
        body.textContent = data.error || "no suggestions";
        return;
      }
      body.replaceChildren(fragment(data.html));
      body.dataset.loaded = "true";
    }

    function useMemory(row, btn) {
      const src = btn.closest("li").querySelector("[data-role=memory-text]");
      const ed = editorOf(row);
      ed.replaceChildren(...Array.from(src.childNodes, (n) => n.cloneNode(true)));
      ed.focus();
      caretAtEnd(ed);
      changed(row);
      say("Suggestion copied into the translation; save to keep it.");
    }

    function focusRow(row) {
      if (!row) return;
      const ed = editorOf(row);
      ed.focus();
      caretAtEnd(ed);
      row.scrollIntoView({ block: "center" });
    }

    function move(from, step, needsWork) {
      const all = rows();
      let i = all.indexOf(from);
      for (;;) {
        i += step;
        if (i < 0 || i >= all.length) {
          say(needsWork ? "No more entries need work below." : "No more entries.");
          return;
        }
        if (!needsWork || all[i].dataset.needsWork === "true" || all[i].dataset.blocking === "true") {
          focusRow(all[i]);
          return;
        }
      }
    }

    function editorKeys(e, row) {
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === "Enter" && mod && !e.shiftKey) {
        e.preventDefault();
        save(row);
      } else if (e.key === "Enter" && mod && e.shiftKey) {
        e.preventDefault();
        if (row.querySelector("[data-act=approve]")) review(row, "approve", row.querySelector("[data-act=approve]"));
        else if (list.dataset.reviewer === "true") msg(row, "Nothing to approve: the entry is " + row.dataset.state + ".", true);
        else msg(row, "Only a reviewer can approve.", true);
      } else if (e.key === "Escape") {
        e.preventDefault();
        editorOf(row).replaceChildren(...originals.get(row).map((n) => n.cloneNode(true)));
        changed(row);
        say("Changes undone.");
      }
    }

    document.addEventListener("keydown", (e) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      e.preventDefault();
      const row = rowOf(document.activeElement);
      const step = e.key === "ArrowDown" ? 1 : -1;
      if (!row) {
        const all = rows();
        focusRow(step > 0 ? all.find((r) => !e.shiftKey || r.dataset.needsWork === "true") : all[all.length - 1]);
        return;
      }
      move(row, step, e.shiftKey);
    });

    const only = document.getElementById("only-work");
    function applyOnlyWork() {
      for (const r of list.querySelectorAll("li.entry")) {
        r.hidden = only.checked && r.dataset.needsWork !== "true";
      }
    }
    only.addEventListener("change", applyOnlyWork);
    document.getElementById("next-work").addEventListener("click", () => {
      const row = lastRow && lastRow.isConnected ? lastRow : null;
      if (row) move(row, 1, true);
      else focusRow(rows().find((r) => r.dataset.needsWork === "true"));
    });

    window.addEventListener("beforeunload", (e) => {
      if (Array.from(list.querySelectorAll("li.entry")).some(dirty)) e.preventDefault();
    });

    list.querySelectorAll("li.entry").forEach(bind);
  }

  document.addEventListener("DOMContentLoaded", initEditor);
})();
