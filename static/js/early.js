// Runs in the head, before the page is drawn: lets the stylesheet fold
// what site.js will make openable (the phone menu) without a flash.
document.documentElement.classList.add("js");
