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
