/* Material for MkDocs' search worker, answered by Pagefind (briefsite's `search: pagefind`).

   Material's search box talks to a web worker through four messages, SETUP, READY, QUERY and
   RESULT, and takes the worker's URL from its configuration: the way its source describes to
   plug in another search. This worker answers them in the shape
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
const SHOWN = 10;
/* Material sends a query at every keystroke: one replaced within this time is not searched,
   and one replaced while it is searched loads none of its results. A query of common or
   short words only ("the", "US", or the start of a longer word) waits longer: such words
   match thousands of pages, and their index chunks are the largest. */
const SETTLE_MS = 100;
const SETTLE_SHORT_MS = 600;
const FILTERS = ["actor", "tag", "year", "publisher", "type"];
/* Each word of a query downloads the index chunk that holds it (25 kB or more at 10,000
   briefs), and the commonest words fill the largest chunks: a query is searched by its
   first telling words only, in the order typed, once English's commonest are left out.
   They find the same pages (every word of a quote is in its brief), and a reader typing on
   past them downloads nothing more: a long quote typed word by word costs what its first
   words cost. */
const MOST_WORDS = 3;
const COMMON = new Set(
  ("a about after all also an and any are as at be been but by can could did do for from " +
   "had has have he her him his how i if in into is it its just me more most my no not " +
   "now of on one only or other our out over said she so some such than that the their " +
   "them then there these they this those to up us was we were what when which who will " +
   "with would you your").split(" "),
);
const FILTER = new RegExp(`(?:^|\\s)(${FILTERS.join("|")}):(?:"([^"]*)"?|(\\S+))`, "gi");

/* This file is served at assets/briefsite/: the site's root is two folders up. */
const site = new URL("../../", self.location.href);
let bundle = null;
let latest = null;

function pagefind() {
  // A bundle that failed to load (the network dropped) is fetched again by the next query.
  bundle ??= import(new URL("pagefind/pagefind.js", site).href).catch((error) => {
    bundle = null;
    throw error;
  });
  return bundle;
}

/* Pagefind escapes the page text of an excerpt and adds <mark>: nothing else may be markup. */
function excerpt(text) {
  return String(text || "").replace(/<(?!\/?mark>)/g, "&lt;");
}

function escaped(text) {
  return String(text || "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/* A word of one or two letters is searched only when the query has no longer word (a reader
   typing "Abu B" is answered for "Abu"; "US" alone is searched, once the reader pauses). */
const SHORTEST = 3;

function settle(query) {
  const { terms } = parse(query);
  const words = terms.toLowerCase().split(/\s+/);
  const telling = words.some((word) => word.length >= SHORTEST && !COMMON.has(word));
  return telling || !terms ? SETTLE_MS : SETTLE_SHORT_MS;
}

function telling(terms) {
  const typed = [...new Set(terms.toLowerCase().split(/\s+/).filter(Boolean))];
  const long = typed.filter((word) => word.length >= SHORTEST);
  const words = long.length ? long : typed;
  const rare = words.filter((word) => !COMMON.has(word));
  return (rare.length ? rare : words).slice(0, MOST_WORDS).join(" ");
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
  const chosen = await filters(engine, wanted);
  const found = await engine.search(terms ? telling(terms) : null, { filters: chosen });
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
    // Pagefind's bundle, its WebAssembly and its page list start loading at the first letter
    // typed, while the reader types on: every search needs them.
    if (latest) pagefind().then((engine) => engine.init()).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, settle(latest)));
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
