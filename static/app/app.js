// Confirmation for destructive buttons: a data-confirm attribute instead of inline onclick (CSP forbids it).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// The counterparty field belongs to agreements only: show it when that category is chosen.
(function () {
  var category = document.querySelector("select[name=category]");
  var box = document.querySelector(".field-counterparties");
  if (!category || !box) return;
  function sync() { box.hidden = category.value !== "agreement"; }
  category.addEventListener("change", sync);
  sync();
})();

// Opinion points come and go: "add" copies the last row with the next index, "×" empties and hides a row
// (the server keeps no empty point). Without script the form still offers empty rows after each save.
(function () {
  var rows = document.querySelector(".point-rows");
  var add = document.querySelector(".add-point");
  if (!rows || !add) return;
  rows.addEventListener("click", function (event) {
    if (!event.target.classList.contains("remove-point")) return;
    var row = event.target.closest(".point-row");
    row.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
    row.hidden = true;
  });
  add.addEventListener("click", function () {
    var all = rows.querySelectorAll(".point-row");
    if (all.length >= Number(add.dataset.max)) return;
    var copy = all[all.length - 1].cloneNode(true);
    var index = all.length;
    copy.hidden = false;
    copy.querySelectorAll("[name], [id], [for]").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        if (el.hasAttribute(attr)) el.setAttribute(attr, el.getAttribute(attr).replace(/points-\d+-/, "points-" + index + "-"));
      });
      if (el.value !== undefined && el.tagName !== "BUTTON") el.value = "";
    });
    copy.querySelectorAll(".invalid-feedback").forEach(function (el) { el.remove(); });
    rows.appendChild(copy);
    copy.querySelector("textarea, input").focus();
  });
})();

// The decision form: a chosen reviewed matter supplies the title, category and department, so the fields for an
// unreviewed decision are hidden while one is chosen.
(function () {
  var matter = document.querySelector(".decision-form select[name=matter_id]");
  var box = document.querySelector(".decision-form .unreviewed-fields");
  if (!matter || !box) return;
  function sync() { box.hidden = matter.value !== ""; }
  matter.addEventListener("change", sync);
  sync();
})();
