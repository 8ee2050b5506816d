// The interface's words in one language, read from the Rust texts (src/i18n/<lang>.rs), so
// that a test walks the app in Arabic by the same names an Arabic reader sees – and a changed
// wording changes the test with it.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const unquote = (text) => JSON.parse(`"${text}"`);

export function texts(lang) {
  const source = readFileSync(path.join(ROOT, "src", "i18n", `${lang}.rs`), "utf8");
  const words = {};
  for (const [, key, value] of source.matchAll(/^ {4}(\w+): "((?:[^"\\]|\\.)*)",$/gm)) words[key] = unquote(value);
  const list = (key) => {
    const block = source.match(new RegExp(`^ {4}${key}: &?\\[\\n([\\s\\S]*?)\\n {4}\\],$`, "m"))?.[1] ?? "";
    return [...block.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => unquote(m[1]));
  };
  words.categories = list("categories");
  const names = list("language_names");
  words.languageNames = Object.fromEntries(names.reduce((pairs, item, i) => (i % 2 ? pairs : [...pairs, [item, names[i + 1]]]), []));
  return words;
}

/** `template` with its `{name}` placeholders filled. */
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);
