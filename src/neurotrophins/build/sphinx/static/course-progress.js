/* Self-paced progress, kept in this browser only (localStorage); nothing leaves the browser.
 *
 * The quizzes record each answer under "neurotrophins-course-progress" (quiz item -> answered correctly);
 * this script adds a "Mark as done" box to every exercise, shows the progress of the current chapter under its
 * title and of every chapter in the navigation, and offers a reset. window.COURSE_PROGRESS (written by the
 * book's Sphinx extension on each page) lists each chapter's quiz items and exercises. */
(function () {
  "use strict";
  var KEY = "neurotrophins-course-progress";
  var manifest = window.COURSE_PROGRESS;
  if (!manifest) return;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { return {}; }
  }
  function save(state) {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: nothing kept */ }
  }
  function counts(chapter, state) {
    var quiz = state.quiz || {}, done = state.exercises || {};
    return {
      right: chapter.items.filter(function (i) { return quiz[i] === true; }).length,
      items: chapter.items.length,
      done: chapter.exercises.filter(function (e) { return done[e] === true; }).length,
      exercises: chapter.exercises.length,
    };
  }
  function summary(c) {
    return c.right + " of " + c.items + " questions answered correctly, " + c.done + " of " + c.exercises +
      " exercises done";
  }
  var current = manifest.chapters[manifest.current] || null;

  function render() {
    var state = load();
    document.querySelectorAll(".course-progress-badge").forEach(function (el) { el.remove(); });
    Object.keys(manifest.chapters).forEach(function (slug) {
      var chapter = manifest.chapters[slug], c = counts(chapter, state);
      document.querySelectorAll("nav.bd-docs-nav a.reference.internal").forEach(function (a) {
        var href = a.getAttribute("href") || "";
        var here = a.classList.contains("current") && href.charAt(0) === "#" && slug === manifest.current;
        var there = href.split("#")[0].split("/").pop() === slug + ".html" && href.indexOf("instructors/") === -1;
        if (!here && !there) return;
        var badge = document.createElement("span");
        badge.className = "course-progress-badge";
        badge.textContent = " " + (c.right + c.done) + "/" + (c.items + c.exercises);
        badge.title = "Your progress: " + summary(c) + " (kept in this browser only)";
        badge.setAttribute("aria-label", "Your progress: " + summary(c));
        a.appendChild(badge);
      });
    });
    var status = document.getElementById("course-progress-status");
    if (status && current) status.textContent = "Your progress in this chapter: " + summary(counts(current, state)) + ".";
    document.querySelectorAll(".course-quiz fieldset[data-item]").forEach(function (fs) {
      var before = fs.querySelector(".course-quiz-before");
      var earlier = (state.quiz || {})[fs.dataset.item] === true && fs.dataset.answered !== "correct";
      if (earlier && !before) {
        before = document.createElement("p");
        before.className = "course-quiz-before";
        before.textContent = "You answered this correctly before.";
        fs.appendChild(before);
      } else if (!earlier && before) {
        before.remove();
      }
    });
    document.querySelectorAll("input.course-exercise-done").forEach(function (box) {
      box.checked = (state.exercises || {})[box.dataset.exercise] === true;
    });
  }

  function addChapterHead() {
    if (!current) return;
    var h1 = document.querySelector("article h1, .bd-article h1");
    if (!h1) return;
    var box = document.createElement("div");
    box.className = "course-progress";
    box.innerHTML = '<p id="course-progress-status" role="status" aria-live="polite"></p>' +
      '<p class="course-progress-note">Kept only in this browser; nothing is sent anywhere. ' +
      '<button type="button" class="course-progress-reset">Reset my progress</button></p>';
    h1.insertAdjacentElement("afterend", box);
    box.querySelector("button").addEventListener("click", function () {
      try { localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
      document.querySelectorAll(".course-quiz fieldset").forEach(function (fs) { delete fs.dataset.answered; });
      render();
    });
  }

  function addExerciseBoxes() {
    document.querySelectorAll("div.exercise.admonition[id]").forEach(function (ex) {
      var label = document.createElement("label");
      label.className = "course-exercise-done-label";
      label.innerHTML = '<input type="checkbox" class="course-exercise-done"> Mark as done';
      var box = label.querySelector("input");
      box.dataset.exercise = ex.id;
      box.addEventListener("change", function () {
        var state = load();
        state.exercises = state.exercises || {};
        if (box.checked) state.exercises[ex.id] = true; else delete state.exercises[ex.id];
        save(state);
        render();
      });
      ex.appendChild(label);
    });
  }

  function start() {
    addChapterHead();
    addExerciseBoxes();
    render();
    document.addEventListener("course-progress", render);
    window.addEventListener("storage", function (e) { if (e.key === KEY) render(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
