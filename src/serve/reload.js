// sastra serve: reload the page after each good build; show build errors
// in an overlay until the next good one. Injected in serve mode only.
const overlayId = "sastra-build-error";

function showError(text) {
  let box = document.getElementById(overlayId);
  if (!box) {
    box = document.createElement("pre");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.className = "sastra-build-error";
    document.body.prepend(box);
  }
  box.textContent = "sastra: the last build failed\n\n" + text;
}

// The build this page was served from; a newer one means reload.
let generation = Number(new URL(import.meta.url).searchParams.get("generation"));
const events = new EventSource("/__sastra/events");
events.onmessage = (event) => {
  const status = JSON.parse(event.data);
  if (status.error) {
    showError(status.error);
    return;
  }
  if (status.generation === generation) return;
  generation = status.generation;
  location.reload();
};
