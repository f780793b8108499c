/* Material for MkDocs' search worker, answered by Pagefind (briefsite's `search: pagefind`).

   Material's search box talks to a web worker through four messages (its documented way to
   plug in another search): SETUP, READY, QUERY, RESULT. This worker answers them in the shape
   Material's own worker does, so Material renders the results and keeps its keyboard
   behaviour. Pagefind's bundle loads from this site on the first query, and each query
   downloads only the index chunks of its words and the results it shows.

   A query may name filters: actor:"Kataib Hezbollah" tag:iraq year:2024 publisher:Reuters
   type:"armed group". A value matches a filter's value whatever its case, or the start of it.
*/
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

/* Results listed for one query, best first: each shown result costs a download. */
const SHOWN = 20;
/* Material sends a query at every keystroke: one replaced within this time is not searched,
   and one replaced while it is searched loads none of its results. */
const SETTLE_MS = 30;
const FILTERS = ["actor", "tag", "year", "publisher", "type"];
const FILTER = new RegExp(`(?:^|\\s)(${FILTERS.join("|")}):(?:"([^"]*)"?|(\\S+))`, "gi");

/* This file is served at assets/briefsite/: the site's root is two folders up. */
const site = new URL("../../", self.location.href);
let engine = null;
let latest = null;

function pagefind() {
  engine ??= import(new URL("pagefind/pagefind.js", site).href);
  return engine;
}

/* Pagefind escapes the page text of an excerpt and adds <mark>: nothing else may be markup. */
function excerpt(text) {
  return String(text || "").replace(/<(?!\/?mark>)/g, "&lt;");
}

function escaped(text) {
  return String(text || "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function parse(query) {
  const wanted = {};
  const terms = query.replace(FILTER, (_, name, quoted, bare) => {
    const key = name.toLowerCase();
    (wanted[key] ??= []).push((quoted ?? bare).trim());
    return " ";
  });
  return { terms: terms.trim(), wanted };
}

/* Each value a reader typed, matched to the values the index holds for its filter. */
async function filters(engine, wanted) {
  if (!Object.keys(wanted).length) return {};
  const known = await engine.filters();
  const chosen = {};
  for (const [name, values] of Object.entries(wanted)) {
    const available = Object.keys(known[name] || {});
    chosen[name] = values.map((value) => {
      const folded = value.toLowerCase();
      const exact = available.filter((item) => item.toLowerCase() === folded);
      const start = available.filter((item) => item.toLowerCase().startsWith(folded));
      return { any: exact.length ? exact : start.length ? start : [value] };
    });
  }
  return chosen;
}

/* One result as Material's worker gives it: the page, then its sections (quotes) that match.
   Pagefind's URLs are absolute: its base is the folder that holds its bundle. */
function items(data, score, terms) {
  const article = {
    location: data.url,
    title: escaped(data.meta.title),
    text: excerpt(data.excerpt),
    score,
    terms,
  };
  const sections = (data.sub_results || [])
    .filter((section) => section.url.includes("#"))
    .map((section) => ({
      location: section.url,
      title: escaped(section.title),
      text: excerpt(section.excerpt),
      score,
      terms,
    }));
  return [article, ...sections];
}

async function search(query) {
  const { terms, wanted } = parse(query);
  if (!terms && !Object.keys(wanted).length) return { items: [] };
  const engine = await pagefind();
  const found = await engine.search(terms || null, { filters: await filters(engine, wanted) });
  if (query !== latest) return null;
  const top = found.results.slice(0, SHOWN);
  const words = Object.fromEntries(
    terms.toLowerCase().split(/\s+/).filter(Boolean).map((word) => [word, true]),
  );
  const pages = await Promise.all(top.map((result) => result.data()));
  return { items: pages.map((data, at) => items(data, top.length - at, words)) };
}

self.addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    latest = message.data;
    // Pagefind's bundle starts loading at the first letter typed, while the reader types on.
    if (latest) pagefind().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (message.data !== latest) return;
    let result = { items: [] };
    try {
      result = await search(message.data);
    } catch (error) {
      console.error("briefsite search:", error);
    }
    // A later query has been typed meanwhile: its answer replaces this one.
    if (result && message.data === latest) self.postMessage({ type: RESULT, data: result });
  }
});
