// The demo page: plain JS over the JSON API, no build step.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const LABELS = window.DEMO.labels.map((l) => l.name);
  const code = $("code"), gutter = $("gutter");
  let examples = [];
  let answer = null;      // the last /api/check answer
  let added = [];         // labels the user says it missed

  function headers() {
    const h = { "Content-Type": "application/json" };
    if (window.DEMO.gated) {
      h["Authorization"] = "Bearer " + $("token").value.trim();
      const user = $("user").value.trim();
      if (user) h["X-Declean-User"] = user;
    }
    return h;
  }

  async function call(path, body) {
    let r;
    try {
      r = await fetch(path, { method: "POST", headers: headers(), body: JSON.stringify(body) });
    } catch (e) {
      throw new Error("the demo server cannot be reached (" + e.message + ")");
    }
    let data = null;
    try { data = await r.json(); } catch (e) { /* not JSON: handled below */ }
    if (!r.ok) throw new Error((data && data.error) || ("HTTP " + r.status));
    return data;
  }

  function status(el, text, isError) {
    el.textContent = text;
    el.classList.toggle("error", !!isError);
  }

  function numberLines() {
    const n = Math.max(1, code.value.split("\n").length);
    let s = "";
    for (let i = 1; i <= n; i++) s += i + "\n";
    gutter.textContent = s;
    gutter.scrollTop = code.scrollTop;
  }
  code.addEventListener("input", () => {
    numberLines();
    const sel = $("examples");
    const ex = examples[Number(sel.value)];
    if (sel.value !== "" && ex && ex.code !== code.value) sel.value = "";
    // Feedback is about the checked program: an edited one must be checked again first.
    if (answer && code.value !== answer.code) {
      $("send").disabled = true;
      status($("feedback-status"), "The code changed since the check: press Check again.");
    }
  });
  code.addEventListener("scroll", () => { gutter.scrollTop = code.scrollTop; });
  code.addEventListener("keydown", (e) => {
    if (e.key === "Tab") {  // indent instead of leaving the box
      e.preventDefault();
      code.setRangeText("    ", code.selectionStart, code.selectionEnd, "end");
      numberLines();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      check();
    }
  });

  async function loadExamples() {
    try {
      const r = await fetch("/api/examples");
      examples = await r.json();
    } catch (e) { examples = []; }
    const sel = $("examples");
    examples.forEach((ex, i) => {
      const o = document.createElement("option");
      o.value = String(i);
      o.textContent = ex.id + (ex.labels.length ? "  [" + ex.labels.join(", ") + "]" : "  [clean]");
      sel.appendChild(o);
    });
  }
  $("examples").addEventListener("change", (e) => {
    const ex = examples[Number(e.target.value)];
    if (!ex || e.target.value === "") return;
    code.value = ex.code;
    code.scrollTop = 0;
    numberLines();
  });

  async function health() {
    try {
      const h = await (await fetch("/api/health")).json();
      const down = Object.entries(h.problems || {}).map(([k, v]) => k + " down: " + v);
      const who = (h.detector === "trained" ? "trained detector: " : "model: ") + h.model;
      status($("health"), down.length ? down.join("; ") : who + ", sandbox: " + h.sandbox, down.length > 0);
    } catch (e) { status($("health"), "server unreachable", true); }
  }

  function verdictOf(label) {
    const picked = document.querySelector('input[name="verdict-' + label + '"]:checked');
    return picked ? picked.value : null;
  }

  function renderAdd() {
    const sel = $("add-label");
    sel.innerHTML = "";
    const taken = new Set([...(answer ? answer.labels : []), ...added]);
    LABELS.filter((l) => !taken.has(l)).forEach((l) => {
      const o = document.createElement("option");
      o.value = l; o.textContent = l;
      sel.appendChild(o);
    });
    sel.disabled = $("add-button").disabled = sel.options.length === 0;
    const ul = $("added");
    ul.innerHTML = "";
    added.forEach((l) => {
      const li = document.createElement("li");
      li.dataset.label = l;
      li.innerHTML = '<span class="name"></span>added by you<button type="button">remove</button>';
      li.querySelector(".name").textContent = l;
      li.querySelector("button").addEventListener("click", () => {
        added = added.filter((x) => x !== l);
        renderAdd();
      });
      ul.appendChild(li);
    });
  }

  function render(a) {
    answer = a; added = [];
    $("result").hidden = false;
    const comp = $("compile");
    comp.textContent = a.compiles === null ? "Not compiled on this server." :
      a.compiles ? "Compiles." : "Does not compile (NO_COMPILE).";
    comp.className = a.compiles === null ? "muted" : a.compiles ? "ok" : "bad";
    const diags = $("diagnostics");
    diags.innerHTML = "";
    a.diagnostics.filter((d) => d.severity === "error" || !a.compiles).slice(0, 8).forEach((d) => {
      const li = document.createElement("li");
      li.textContent = (d.line ? "line " + d.line + ": " : "") + d.severity + ": " + d.message;
      diags.appendChild(li);
    });
    const ul = $("labels");
    ul.innerHTML = "";
    a.labels.forEach((l) => {
      const li = document.createElement("li");
      li.className = "label";
      li.dataset.label = l;
      li.innerHTML = '<span class="name"></span><span class="reason"></span><span class="verdict">' +
        '<label><input type="radio" value="right"> right</label>' +
        '<label><input type="radio" value="wrong"> wrong</label></span>';
      li.querySelector(".name").textContent = l;
      li.querySelector(".reason").textContent = a.reasons[l] || "";
      li.querySelectorAll("input").forEach((inp) => {
        inp.name = "verdict-" + l;
        inp.addEventListener("change", () => li.classList.toggle("wrong", verdictOf(l) === "wrong"));
      });
      ul.appendChild(li);
    });
    $("no-labels").hidden = a.labels.length > 0;
    $("comment").value = "";
    status($("feedback-status"), "");
    $("send").disabled = false;
    renderAdd();
  }

  async function check() {
    const btn = $("check");
    btn.disabled = true;
    status($("status"), "Checking… (compiling in the sandbox, then asking the detector)");
    try {
      const sent = code.value;
      const a = await call("/api/check", { code: sent });
      render({ ...a, code: sent });
      status($("status"), (a.labels.length ? a.labels.length + " label(s)" : "No label") +
        (a.cached ? " (answer from the cache)" : "") + ", by " + a.model + ".");
    } catch (e) {
      status($("status"), e.message, true);
    } finally {
      btn.disabled = false;
    }
  }
  $("check").addEventListener("click", check);

  $("add-button").addEventListener("click", () => {
    const l = $("add-label").value;
    if (l && !added.includes(l)) added.push(l);
    renderAdd();
  });

  $("send").addEventListener("click", async () => {
    if (!answer) return;
    const verdicts = {};
    answer.labels.forEach((l) => { const v = verdictOf(l); if (v) verdicts[l] = v; });
    // Labels nobody called wrong stay: the user's label set is what they did not reject.
    const labels = answer.labels.filter((l) => verdicts[l] !== "wrong").concat(added);
    $("send").disabled = true;
    try {
      await call("/api/feedback", { id: answer.id, labels, comment: $("comment").value, verdicts });
      status($("feedback-status"), "Thank you: feedback saved (your labels: " + (labels.join(", ") || "none") + ").");
    } catch (e) {
      status($("feedback-status"), e.message, true);
      $("send").disabled = false;
    }
  });

  numberLines();
  loadExamples();
  health();
})();
