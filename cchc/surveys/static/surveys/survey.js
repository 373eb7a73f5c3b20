/* The public survey form, progressively enhanced: conditional questions, answers kept in this browser until
   sent (not in kiosk mode), and one question per screen when the campaign asks for it. Without script the
   form works as one page. */
(function () {
  "use strict";
  var done = document.querySelector("[data-survey-done]");
  if (done) {
    try { window.localStorage.removeItem("cchc-survey:" + done.getAttribute("data-survey-done")); } catch (e) { /* storage unavailable */ }
  }
  var form = document.getElementById("sv-form");
  if (!form) { return; }
  var kiosk = form.getAttribute("data-kiosk") === "1";
  var storageKey = "cchc-survey:" + form.getAttribute("data-campaign");
  var questions = Array.prototype.slice.call(form.querySelectorAll(".sv-q"));
  form.classList.add("sv-js");

  function answersOf(code) {
    var values = [];
    form.querySelectorAll('[name="q-' + code + '"]').forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") { if (el.checked) { values.push(el.value); } }
      else if (el.value.trim() !== "") { values.push(el.value.trim()); }
    });
    return values;
  }

  function applies(question) {
    var source = question.getAttribute("data-cond-item");
    if (!source) { return true; }
    var parent = document.getElementById("q-" + source);
    if (parent && !applies(parent)) { return false; }
    var wanted = question.getAttribute("data-cond-in").split(",");
    return answersOf(source).some(function (value) { return wanted.indexOf(value) >= 0; });
  }

  function applyConditions() {
    questions.forEach(function (question) {
      var on = applies(question);
      question.classList.toggle("sv-cond-off", !on);
      question.disabled = !on;
    });
  }

  function save() {
    if (kiosk) { return; }
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name.indexOf("q-") === 0) { (data[name] = data[name] || []).push(value); }
    });
    try { window.localStorage.setItem(storageKey, JSON.stringify(data)); } catch (e) { /* storage full or off */ }
  }

  function restore() {
    if (kiosk || form.getAttribute("data-has-errors") === "1") { return; }
    var data = null;
    try { data = JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (e) { data = null; }
    if (!data) { return; }
    Object.keys(data).forEach(function (name) {
      var values = data[name];
      form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
        if (el.type === "radio" || el.type === "checkbox") { el.checked = values.indexOf(el.value) >= 0; }
        else { el.value = values[0] || ""; }
      });
    });
  }

  restore();
  applyConditions();
  var consent = document.getElementById("id_consent");
  var contact = form.querySelector(".sv-contact");
  function showContact() { if (consent && contact) { contact.hidden = !consent.checked; } }
  if (consent) { consent.addEventListener("change", showContact); showContact(); }
  var idleTimer = null;
  function resetIdle() {
    var url = form.getAttribute("data-reset-url");
    if (!kiosk || !url) { return; }
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(function () { window.location.href = url; }, 120000);
  }
  resetIdle();
  form.addEventListener("change", function () { applyConditions(); save(); resetIdle(); });
  form.addEventListener("input", function () { save(); resetIdle(); });

  if (form.getAttribute("data-mode") !== "one_question") { return; }

  /* One question per screen. */
  var finalScreen = document.getElementById("sv-final");
  var screens = questions.concat([finalScreen]);
  var index = 0;
  var nav = document.createElement("div");
  nav.className = "sv-nav";
  nav.innerHTML =
    '<button type="button" class="btn btn-outline-secondary btn-lg" data-sv="back">' + "‹ Quay lại" + "</button>" +
    '<span class="sv-count text-muted" aria-live="polite"></span>' +
    '<button type="button" class="btn btn-primary btn-lg" data-sv="next">' + "Tiếp ›" + "</button>";
  var bar = document.createElement("div");
  bar.className = "progress sv-progress mb-3";
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-label", "Tiến độ trả lời");
  bar.innerHTML = '<div class="progress-bar"></div>';
  form.insertBefore(bar, form.firstChild);
  form.appendChild(nav);
  form.classList.add("sv-one");
  var back = nav.querySelector('[data-sv="back"]');
  var next = nav.querySelector('[data-sv="next"]');
  var count = nav.querySelector(".sv-count");

  function visible() {
    return screens.filter(function (screen) { return !screen.classList.contains("sv-cond-off"); });
  }

  function show(target, focus) {
    var list = visible();
    index = Math.max(0, Math.min(target, list.length - 1));
    screens.forEach(function (screen) { screen.classList.remove("sv-current"); });
    var current = list[index];
    current.classList.add("sv-current");
    var total = list.length - 1;
    var shown = Math.min(index + 1, total);
    count.textContent = index < total ? "Câu " + shown + "/" + total : "Gửi phiếu";
    bar.firstChild.style.width = Math.round((index / Math.max(total, 1)) * 100) + "%";
    bar.setAttribute("aria-valuenow", String(Math.round((index / Math.max(total, 1)) * 100)));
    back.hidden = index === 0;
    next.hidden = index === list.length - 1;
    if (focus) { current.focus({ preventScroll: true }); window.scrollTo(0, 0); }
  }

  function missing(screen) {
    if (!screen.classList.contains("sv-q") || screen.getAttribute("data-required") !== "1") { return false; }
    return answersOf(screen.getAttribute("data-code")).length === 0;
  }

  function warn(screen) {
    var note = screen.querySelector(".sv-error");
    if (!note) {
      note = document.createElement("p");
      note.className = "sv-error";
      note.setAttribute("role", "alert");
      screen.insertBefore(note, screen.querySelector(".sv-legend").nextSibling);
    }
    note.textContent = "Câu " + screen.getAttribute("data-code") + " là câu bắt buộc, xin Ông/Bà vui lòng trả lời.";
  }

  next.addEventListener("click", function () {
    var current = visible()[index];
    if (missing(current)) { warn(current); return; }
    show(index + 1, true);
  });
  back.addEventListener("click", function () { show(index - 1, true); });
  form.addEventListener("change", function (event) {
    var target = event.target;
    var screen = target.closest ? target.closest(".sv-q") : null;
    var kind = screen ? screen.getAttribute("data-kind") : "";
    if (target.type === "radio" && (kind === "likert" || kind === "yes_no" || kind === "single_choice")) {
      window.setTimeout(function () { if (visible()[index] === screen) { show(index + 1, true); } }, 300);
    }
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "INPUT" && event.target.type !== "submit" && !finalScreen.contains(event.target)) {
      event.preventDefault();
      next.click();
    }
  });
  var firstError = form.querySelector(".sv-invalid");
  show(firstError ? visible().indexOf(firstError) : 0, false);
})();
