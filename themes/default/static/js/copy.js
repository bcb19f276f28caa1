// The copy button beside a document's permanent link. The button is hidden
// in the page and shown here, so that a browser without JavaScript (or
// without a clipboard) shows no button that does nothing.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.closest("p")?.querySelector(".copy-status");
  if (!field || !navigator.clipboard?.writeText) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.dataset.tCopied;
    } catch {
      // No permission: select the link, so that the reader copies it.
      field.select();
    }
  });
}
// The whole link is selected on focus: one tap, then the phone's own copy.
for (const field of document.querySelectorAll("input.permalink")) {
  field.addEventListener("focus", () => field.select());
}
