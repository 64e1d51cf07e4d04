// Confirmation for destructive buttons: a data-confirm attribute instead of inline onclick (CSP forbids it).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
