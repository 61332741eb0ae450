// figure_record.cpp - from a record file's bytes to a FigureRecord.
//
// Index of this file
//   [SECTION] Field helpers      scalar text, lists, numbers, with type problems reported
//   [SECTION] Front matter       split_front_matter: the two "---" fences
//   [SECTION] Record             parse_figure_record: checks bytes, parses YAML, maps fields
//
// Call flow: parse_figure_record -> (size, UTF-8 checks) -> split_front_matter ->
//            yaml::parse_yaml -> read_* helpers per field.
// A record is kept whenever it has something to show: a field of the wrong type is reported
// and left empty, the rest of the record still loads.

#include "figure_record.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <unordered_set>

#include "text_util.h"
#include "yaml_reader.h"

namespace figscope {

const char* genes_from_name(GenesFrom g) {
    switch (g) {
        case GenesFrom::Inline: return "inline";
        case GenesFrom::Sidecar: return "sidecar";
        case GenesFrom::Keywords: return "keywords";
        default: return "none";
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Field helpers
//-----------------------------------------------------------------------------

namespace {

struct FieldReader {
    std::string_view path;
    Problems& problems;

    static const char* kind_name(const yaml::Node& n) {
        switch (n.kind) {
            case yaml::Kind::Sequence: return "a list";
            case yaml::Kind::Mapping: return "a mapping";
            default: return "text";
        }
    }

    // Scalar text of a field, "" when absent, null or one of PFOCR's missing-value spellings.
    std::string text(const yaml::Node& map, std::string_view key) {
        const yaml::Node* n = map.find(key);
        if (!n) return {};
        if (!n->is_scalar()) {
            problems.add(std::string(path), n->line,
                         std::string(key) + ": expected text, found " + kind_name(*n) + "; field left empty");
            return {};
        }
        if (n->is_null() || text::is_missing(n->value)) return {};
        return n->value;
    }

    // A list of scalars; a single scalar is split on `sep` (0 = kept whole).
    std::vector<std::string> list(const yaml::Node& map, std::string_view key, char sep) {
        std::vector<std::string> out;
        const yaml::Node* n = map.find(key);
        if (!n) return out;
        // Unique values in first-seen order; the set holds views into the YAML nodes (stable
        // here), so a list of 100k items takes linear, not quadratic, time.
        std::unordered_set<std::string_view> seen;
        auto push = [&](std::string_view v) {
            v = text::trim(v);
            if (!text::is_missing(v) && seen.insert(v).second) out.emplace_back(v);
        };
        if (n->kind == yaml::Kind::Scalar) {
            if (n->is_null()) return out;
            std::string_view s = n->value;
            if (sep == 0) { push(s); return out; }
            size_t start = 0;
            for (;;) {
                size_t p = s.find(sep, start);
                push(s.substr(start, p == std::string_view::npos ? s.npos : p - start));
                if (p == std::string_view::npos) break;
                start = p + 1;
            }
        } else if (n->kind == yaml::Kind::Sequence) {
            for (const yaml::Node& item : n->items) {
                if (!item.is_scalar()) {
                    problems.add(std::string(path), item.line,
                                 std::string(key) + ": expected a list of text, found " + kind_name(item) + " in it; item skipped");
                    continue;
                }
                if (!item.is_null()) push(item.value);
            }
        } else {
            problems.add(std::string(path), n->line,
                         std::string(key) + ": expected a list, found a mapping; field left empty");
        }
        return out;
    }

    double number(const yaml::Node& map, std::string_view key) {
        std::string s = text(map, key);
        if (s.empty()) return NAN;
        char* end = nullptr;
        double v = std::strtod(s.c_str(), &end);
        if (end == s.c_str() || *end != '\0') {
            problems.add(std::string(path), map.find(key)->line,
                         std::string(key) + ": '" + text::excerpt(s) + "' is not a number; field left empty");
            return NAN;
        }
        return v;
    }

    int year(const yaml::Node& map) {
        std::string s = text(map, "year");
        if (s.empty()) return 0;
        int v = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || p != s.data() + s.size() || v < 1000 || v > 2999) {
            problems.add(std::string(path), map.find("year")->line,
                         "year: '" + text::excerpt(s) + "' is not a year; field left empty");
            return 0;
        }
        return v;
    }

    // genes / chemicals / diseases: a list of mappings. Returns nullptr (and reports) otherwise.
    const yaml::Node* list_of_maps(const yaml::Node& map, std::string_view key) {
        const yaml::Node* n = map.find(key);
        if (!n) return nullptr;
        if (n->is_scalar() && (n->is_null() || text::is_missing(n->value))) return nullptr;
        if (n->kind != yaml::Kind::Sequence) {
            problems.add(std::string(path), n->line,
                         std::string(key) + ": expected a list of mappings, found " + kind_name(*n) + "; ignored");
            return nullptr;
        }
        return n;
    }
};

std::string file_stem(std::string_view path) {
    std::string_view b = text::base_name(path);
    size_t dot = b.rfind('.');
    if (dot != std::string_view::npos && dot > 0) b = b.substr(0, dot);
    return std::string(b);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Front matter
//-----------------------------------------------------------------------------

// A fence line is "---" (or "..." to close) with optional trailing spaces.
static bool is_fence(std::string_view line, bool closing) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    return line == "---" || (closing && line == "...");
}

bool split_front_matter(std::string_view text, std::string_view& yaml, int& yaml_first_line,
                        std::string& reason, int& reason_line) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (text::trim(text).empty()) {
        reason = "empty file";
        reason_line = 1;
        return false;
    }
    size_t eol = text.find('\n');
    std::string_view first = text.substr(0, eol);
    if (!is_fence(first, false)) {
        reason = "no front matter: a figure record starts with a line '---'";
        reason_line = 1;
        return false;
    }
    if (eol == std::string_view::npos) {
        reason = "unterminated front matter: no closing '---' line";
        reason_line = 1;
        return false;
    }
    size_t pos = eol + 1;
    int line = 2;
    while (pos <= text.size()) {
        size_t e = text.find('\n', pos);
        std::string_view l = text.substr(pos, e == std::string_view::npos ? text.npos : e - pos);
        if (is_fence(l, true)) {
            yaml = text.substr(eol + 1, pos - (eol + 1));
            yaml_first_line = 2;
            return true;
        }
        if (e == std::string_view::npos) break;
        pos = e + 1;
        ++line;
    }
    reason = "unterminated front matter: the '---' on line 1 is never closed";
    reason_line = 1;
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Record
//-----------------------------------------------------------------------------

bool parse_figure_record(std::string_view path, std::string_view text, FigureRecord& out,
                         Problems& problems) {
    const std::string p(path);
    if (text.size() > Limits::max_record_bytes) {
        problems.add(p, 0, "record is " + std::to_string(text.size()) + " bytes, over the " +
                               std::to_string(Limits::max_record_bytes >> 20) + " MB limit for one record; skipped");
        return false;
    }
    int bad_line = 0, bad_col = 0;
    bool has_nul = false;
    if (!text::valid_utf8(text, bad_line, bad_col, has_nul)) {
        problems.add(p, bad_line, text::not_text_reason(text, bad_col) + "; file skipped");
        return false;
    }
    std::string normalized;
    if (text.find('\r') != std::string_view::npos) {
        normalized = text::normalize_newlines(text);
        text = normalized;
    }

    std::string_view yaml_text;
    int first_line = 1, reason_line = 0;
    std::string reason;
    if (!split_front_matter(text, yaml_text, first_line, reason, reason_line)) {
        problems.add(p, reason_line, reason);
        return false;
    }
    yaml::Node root;
    yaml::Error err;
    if (!yaml::parse_yaml(yaml_text, root, err, first_line)) {
        problems.add(p, err.line, "YAML: " + err.message);
        return false;
    }
    if (root.kind != yaml::Kind::Mapping) {
        if (root.is_scalar() && root.is_null()) problems.add(p, 1, "empty front matter: no fields");
        else problems.add(p, root.line, "front matter is not a mapping of fields");
        return false;
    }

    FieldReader f{path, problems};
    FigureRecord r;
    r.source_path = p;
    r.source_line = 1;
    r.figid = f.text(root, "figid");
    if (r.figid.empty()) {
        r.figid = file_stem(path);
        if (r.figid.empty()) {   // an index (and a snapshot) never holds an empty figid
            problems.add(p, 1, "no figid, and no file name to take one from; skipped");
            return false;
        }
        r.figid_from_filename = true;
        problems.add(p, 1, "no figid; using the file name '" + r.figid + "'");
    }
    r.pmcid = f.text(root, "pmcid");
    r.figtitle = f.text(root, "figtitle");
    r.caption = f.text(root, "caption");
    r.papertitle = f.text(root, "papertitle");
    r.reftext = f.text(root, "reftext");
    r.doi = f.text(root, "doi");
    r.journal_title = f.text(root, "journal_title");
    r.number = f.text(root, "number");
    r.filename = f.text(root, "filename");
    r.figlink = f.text(root, "figlink");
    r.year = f.year(root);
    r.organisms = f.list(root, "organisms", ',');
    r.organisms_ner = f.list(root, "organisms_ner", ',');
    r.keywords = f.list(root, "keywords", '|');
    r.automl_pathway = f.number(root, "automl_pathway");
    r.pathway_score = f.number(root, "pathway_score");
    if (const yaml::Node* ld = root.find("schema-jsonld")) {
        if (ld->kind == yaml::Kind::Mapping) r.jsonld_keywords = f.list(*ld, "keywords", 0);
        else if (!(ld->is_scalar() && ld->is_null()))
            problems.add(p, ld->line, "schema-jsonld: expected a mapping; its keywords are ignored");
    }

    // Inline genes (older layout): unique hgnc_symbol values; every (word, symbol) pair is
    // an alias for search, and so is PFOCR's matched alias symbol (e.g. ETK -> BMX).
    if (const yaml::Node* genes = f.list_of_maps(root, "genes")) {
        std::unordered_set<std::string> seen_gene, seen_word;
        size_t index = 0;
        for (const yaml::Node& g : genes->items) {
            ++index;
            if (g.kind != yaml::Kind::Mapping) {
                problems.add(p, g.line, "genes: item " + std::to_string(index) + " is not a mapping; skipped");
                continue;
            }
            std::string symbol = f.text(g, "hgnc_symbol");
            if (symbol.empty()) continue;   // OCR word with no HGNC match: not a gene
            if (!seen_gene.count(symbol) && r.genes.size() >= Limits::max_genes_per_figure) {
                problems.add(p, g.line, "more than " + std::to_string(Limits::max_genes_per_figure) +
                                            " genes in one figure; the rest are ignored");
                break;
            }
            if (seen_gene.insert(symbol).second) r.genes.push_back({symbol, "", f.text(g, "entrez")});
            for (const char* wkey : {"word", "symbol"}) {
                std::string w = f.text(g, wkey);
                if (!w.empty() && seen_word.insert(w + '\t' + symbol).second) r.gene_words.push_back({w, symbol});
            }
        }
        r.has_inline_genes = !r.genes.empty();
    }
    for (auto [key, dest] : {std::pair{"chemicals", &r.chemicals}, std::pair{"diseases", &r.diseases}}) {
        const yaml::Node* list = f.list_of_maps(root, key);
        if (!list) continue;
        for (const yaml::Node& t : list->items) {
            if (t.kind != yaml::Kind::Mapping) {
                problems.add(p, t.line, std::string(key) + ": an item is not a mapping; skipped");
                continue;
            }
            RecordTerm term{f.text(t, "word"), f.text(t, "name"), f.text(t, "identifier")};
            if (term.word.empty() && term.id.empty()) continue;
            dest->push_back(std::move(term));
        }
    }
    out = std::move(r);
    return true;
}

}  // namespace figscope
