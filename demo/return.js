// The return page serves both flows: a payment (`payment_intent_client_secret` in the URL) and
// a card saved for later (`setup_intent_client_secret`, from save-card.html). The status host
// reads whichever secret is there and says the outcome; this only adapts the page around it.
// External module: the page's CSP forbids inline scripts.
const query = new URLSearchParams(window.location.search);
if (query.has("setup_intent_client_secret")) {
  document.title = "Your saved card — Ferris & Co.";
  const heading = document.getElementById("order-heading");
  if (heading) heading.textContent = "Your saved card";
  for (const note of document.querySelectorAll("[data-for]")) {
    note.hidden = note.dataset.for !== "setup";
  }
}
