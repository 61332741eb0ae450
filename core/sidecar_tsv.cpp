// sidecar_tsv.cpp - _data/<figid>-{genes,chemicals,diseases}.tsv, the newer PFOCR layout.
//
// Columns are found by header name (PFOCR has shipped more than one column order: some
// genes files lack count_synonym). A file without the columns it needs is rejected; a row
// with the wrong number of fields is reported with its line and skipped.
#include <unordered_set>

#include "figure_record.h"
#include "text_util.h"

namespace figscope {

bool sidecar_name(std::string_view path, SidecarKind& kind, std::string& figid) {
    std::string_view b = text::base_name(path);
    static constexpr std::pair<const char*, SidecarKind> kSuffixes[] = {
        {"-genes.tsv", SidecarKind::Genes},
        {"-chemicals.tsv", SidecarKind::Chemicals},
        {"-diseases.tsv", SidecarKind::Diseases},
    };
    for (auto [suffix, k] : kSuffixes) {
        std::string_view s = suffix;
        if (b.size() > s.size() && text::ends_with_ci(b, s)) {
            kind = k;
            figid = std::string(b.substr(0, b.size() - s.size()));
            return true;
        }
    }
    return false;
}

namespace {

void split_tabs(std::string_view line, std::vector<std::string_view>& fields) {
    fields.clear();
    size_t start = 0;
    for (;;) {
        size_t t = line.find('\t', start);
        if (t == std::string_view::npos) { fields.push_back(line.substr(start)); return; }
        fields.push_back(line.substr(start, t - start));
        start = t + 1;
    }
}

std::string_view field_value(std::string_view v) {
    v = text::trim(v);
    return text::is_missing(v) ? std::string_view{} : v;
}

}  // namespace

bool parse_sidecar_tsv(std::string_view path, std::string_view text, Sidecar& out,
                       Problems& problems) {
    const std::string p(path);
    Sidecar sc;
    sc.path = p;
    if (!sidecar_name(path, sc.kind, sc.figid)) {
        problems.add(p, 0, "not a sidecar file name (expected <figid>-genes.tsv, -chemicals.tsv or -diseases.tsv)");
        return false;
    }
    if (text.size() > Limits::max_sidecar_bytes) {
        problems.add(p, 0, "sidecar is " + std::to_string(text.size()) + " bytes, over the " +
                               std::to_string(Limits::max_sidecar_bytes >> 20) + " MB limit for one sidecar; skipped");
        return false;
    }
    // Spreadsheet tools save TSV with a UTF-8 byte order mark; it is not part of the header.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    int bad_line = 0, bad_col = 0;
    bool has_nul = false;
    if (!text::valid_utf8(text, bad_line, bad_col, has_nul)) {
        problems.add(p, bad_line, text::not_text_reason(text, bad_col) + "; file skipped");
        return false;
    }
    if (text::trim(text).empty()) {
        problems.add(p, 1, "empty file: expected a header line");
        return false;
    }

    // Header: required and optional columns per kind.
    size_t eol = text.find('\n');
    std::string_view header = text.substr(0, eol);
    if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
    std::vector<std::string_view> cols, fields;
    split_tabs(header, cols);
    auto col = [&](std::string_view name) -> int {
        for (size_t i = 0; i < cols.size(); ++i)
            if (text::trim(cols[i]) == name) return int(i);
        return -1;
    };
    std::vector<const char*> required;
    int c_word = col("word"), c_a = -1, c_b = -1, c_c = -1, c_d = -1;
    if (sc.kind == SidecarKind::Genes) {
        required = {"word", "ncbigene_symbol"};
        c_a = col("ncbigene_symbol"); c_b = col("organism_name"); c_c = col("ncbigene_id"); c_d = col("match");
    } else {
        required = {"word"};
        c_a = col("name"); c_b = col("mesh");
        c_c = col(sc.kind == SidecarKind::Chemicals ? "chebi" : "doid");
    }
    for (const char* r : required) {
        if (col(r) < 0) {
            std::string found;
            for (auto c : cols) { if (!found.empty()) found += ", "; found += std::string(c); }
            found = text::excerpt(found, 200);
            problems.add(p, 1, std::string("header lacks the column '") + r + "' (found: " + found + "); file skipped");
            return false;
        }
    }

    std::unordered_set<std::string> seen_gene, seen_word, seen_term;
    size_t bad_rows = 0;
    constexpr size_t kMaxReportedRows = 20;
    int line = 1;
    size_t pos = eol == std::string_view::npos ? text.size() : eol + 1;
    while (pos < text.size()) {
        ++line;
        size_t e = text.find('\n', pos);
        std::string_view row = text.substr(pos, e == std::string_view::npos ? text.npos : e - pos);
        pos = e == std::string_view::npos ? text.size() : e + 1;
        if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
        if (text::trim(row).empty()) continue;
        split_tabs(row, fields);
        if (fields.size() != cols.size()) {
            if (++bad_rows <= kMaxReportedRows)
                problems.add(p, line, "row has " + std::to_string(fields.size()) + " fields, the header has " +
                                          std::to_string(cols.size()) + "; row skipped");
            continue;
        }
        std::string_view word = field_value(fields[c_word]);
        if (sc.kind == SidecarKind::Genes) {
            std::string_view symbol = field_value(fields[c_a]);
            if (symbol.empty()) continue;
            std::string_view organism = c_b >= 0 ? field_value(fields[c_b]) : std::string_view{};
            std::string key = std::string(symbol) + '\t' + std::string(organism);
            if (seen_gene.insert(key).second) {
                if (sc.genes.size() >= Limits::max_genes_per_figure) {
                    problems.add(p, line, "more than " + std::to_string(Limits::max_genes_per_figure) +
                                              " genes in one figure; the rest are ignored");
                    break;
                }
                sc.genes.push_back({std::string(symbol), std::string(organism),
                                    c_c >= 0 ? std::string(field_value(fields[c_c])) : std::string()});
            }
            std::string_view match = c_d >= 0 ? field_value(fields[c_d]) : std::string_view{};
            for (std::string_view w : {word, match}) {
                if (!w.empty() && seen_word.insert(std::string(w) + '\t' + std::string(symbol)).second)
                    sc.gene_words.push_back({std::string(w), std::string(symbol)});
            }
        } else {
            RecordTerm t{std::string(word), c_a >= 0 ? std::string(field_value(fields[c_a])) : std::string(),
                         c_c >= 0 && !field_value(fields[c_c]).empty() ? std::string(field_value(fields[c_c]))
                         : c_b >= 0 ? std::string(field_value(fields[c_b])) : std::string()};
            if (t.word.empty() && t.name.empty()) continue;
            if (seen_term.insert(t.word + '\t' + t.name + '\t' + t.id).second) sc.terms.push_back(std::move(t));
        }
    }
    if (bad_rows > kMaxReportedRows)
        problems.add(p, 0, std::to_string(bad_rows - kMaxReportedRows) + " more rows with the wrong number of fields skipped");
    out = std::move(sc);
    return true;
}

}  // namespace figscope
