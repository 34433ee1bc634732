// yusuan: the few things a page does in place (no library, nothing fetched from elsewhere).
"use strict";

// A batch still being read refreshes its rows until every document is done: four times a second at
// first (a text document is read in well under a second), then every second.
function poll(box) {
  const url = box.dataset.poll;
  let ticks = 0;
  const delay = () => (++ticks <= 20 ? 250 : 1000);
  const tick = async () => {
    try {
      const response = await fetch(url, {headers: {"Accept": "text/html"}});
      if (response.ok) {
        box.innerHTML = await response.text();
        const done = box.querySelector("[data-finished=yes]");
        if (done) { return; }
      }
    } catch (error) { /* the server restarting: try again */ }
    setTimeout(tick, delay());
  };
  setTimeout(tick, delay());
}

// Choosing a finding: its place is brought into view and outlined, its computation shown, and
// for a PDF its page shown with the place boxed.
function choose(finding) {
  document.querySelectorAll(".finding.chosen").forEach(f => {
    f.classList.remove("chosen"); f.querySelector(".detail").hidden = true;
  });
  document.querySelectorAll(".active-place").forEach(e => e.classList.remove("active-place"));
  finding.classList.add("chosen");
  finding.querySelector(".detail").hidden = false;
  const place = document.getElementById(finding.dataset.place);
  if (place) {
    place.classList.add("active-place");
    place.scrollIntoView({block: "center"});
  }
  showPage(finding);
  history.replaceState(null, "", "#" + finding.id);
}

function showPage(finding) {
  const view = document.getElementById("pageview");
  if (!view) { return; }
  if (!finding.dataset.image) { view.hidden = true; return; }
  view.hidden = false;
  document.getElementById("page-label").textContent = "第 " + finding.dataset.page + " 页";
  const image = document.getElementById("page-image");
  image.src = finding.dataset.image;
  document.getElementById("page-link").href = finding.dataset.image;
  const box = document.getElementById("page-box");
  if (!finding.dataset.bbox) { box.hidden = true; return; }
  const [width, height] = finding.dataset.size.split(",").map(Number);
  const [x0, top, x1, bottom] = finding.dataset.bbox.split(",").map(Number);
  Object.assign(box.style, {left: (x0 / width * 100) + "%", top: (top / height * 100) + "%",
    width: ((x1 - x0) / width * 100) + "%", height: ((bottom - top) / height * 100) + "%"});
  box.hidden = false;
}

// The page's CSRF token, sent with every change a script makes (the server refuses one without).
function csrfToken() {
  const meta = document.querySelector("meta[name=csrf-token]");
  return meta ? meta.content : "";
}

// A decision is saved without leaving the page (the form posts normally without script).
async function decide(form, event) {
  event.preventDefault();
  const data = new FormData(form);
  const body = {verdict: data.get("verdict") || "", comment: data.get("comment") || ""};
  const saved = form.querySelector(".saved");
  const response = await fetch(form.dataset.api, {method: "PUT", body: JSON.stringify(body),
    headers: {"Content-Type": "application/json", "X-CSRF-Token": csrfToken()}});
  const answer = await response.json();
  if (!response.ok) { saved.textContent = "未能保存：" + answer.detail; return; }
  saved.textContent = answer.verdict ? "已保存（" + answer.verdict + "）" : "已撤销";
  form.closest(".finding").querySelector(".verdict").textContent = answer.verdict || "";
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-poll]").forEach(poll);
  document.querySelectorAll(".finding .pick").forEach(button =>
    button.addEventListener("click", () => choose(button.closest(".finding"))));
  document.querySelectorAll("form.decide").forEach(form =>
    form.addEventListener("submit", event => decide(form, event)));
  // a mark beside a cell chooses its finding
  document.querySelectorAll("a.mark").forEach(mark => mark.addEventListener("click", event => {
    const finding = document.getElementById("f-" + mark.dataset.finding);
    if (finding) { event.preventDefault(); choose(finding); finding.scrollIntoView({block: "nearest"}); }
  }));
  const chosen = location.hash && document.querySelector(".finding" + location.hash);
  if (chosen) { choose(chosen); }
});
