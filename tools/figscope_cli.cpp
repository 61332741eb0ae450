// figscope_cli.cpp - the scriptable command line: JSON on stdout, problems on stderr.
//
//   figscope export   PATH... [--format json]
//   figscope stats    PATH... [--json]
//   figscope query    PATH... [--gene G]... [--any] [--not G]... [FILTERS] [--json]
//   figscope cooccur  PATH... (--top N | --genes A,B,C) [--measure M] [FILTERS] [--json | --csv]
//   figscope snapshot PATH... -o FILE
// FILTERS: --organism NAME (repeatable), --year-min Y, --year-max Y, --text WORDS
// Exit: 0 everything loaded cleanly, 1 some input was reported (the rest still processed),
// 2 usage error.

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cooccurrence.h"
#include "loader.h"
#include "query.h"
#include "snapshot.h"

using namespace figscope;
using ojson = nlohmann::ordered_json;

namespace {

constexpr const char* kUsage =
    "usage: figscope COMMAND PATH... [options]\n"
    "  export   PATH... [--format json]                figures as a JSON array\n"
    "  stats    PATH... [--json]                       counts per organism and year\n"
    "  query    PATH... [--gene G]... [--any] [--not G]... [filters] [--json]\n"
    "  cooccur  PATH... (--top N | --genes A,B,C) [--measure count|jaccard|lift|p] [filters] [--json|--csv]\n"
    "  snapshot PATH... -o FILE                        binary snapshot for fast loading\n"
    "filters: --organism NAME  --year-min Y  --year-max Y  --text WORDS\n"
    "PATH: record files (.md/.txt), sidecars (<figid>-genes.tsv ...), snapshots (.figsnap),\n"
    "      directories (recursive) or a PFOCR site checkout (_figures/ + _data/).\n";

struct Args {
    std::string command;
    std::vector<std::string> paths;
    FigureQuery query;
    bool json = false, csv = false;
    size_t top = 0;
    std::vector<std::string> genes_list;
    CooccurrenceMeasure measure = CooccurrenceMeasure::Count;
    std::string output;
};

[[noreturn]] void usage_error(const std::string& msg) {
    std::fprintf(stderr, "figscope: %s\n%s", msg.c_str(), kUsage);
    std::exit(2);
}

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t c = s.find(',', start);
        std::string part = s.substr(start, c == std::string::npos ? std::string::npos : c - start);
        if (!part.empty()) out.push_back(part);
        if (c == std::string::npos) break;
        start = c + 1;
    }
    return out;
}

int parse_int(const std::string& flag, const std::string& v) {
    char* end = nullptr;
    long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end || n < 0 || n > 1000000) usage_error(flag + " needs a number, got '" + v + "'");
    return int(n);
}

Args parse_args(int argc, char** argv) {
    if (argc < 2) usage_error("no command");
    Args a;
    a.command = argv[1];
    if (a.command == "-h" || a.command == "--help" || a.command == "help") {
        std::fputs(kUsage, stdout);
        std::exit(0);
    }
    static const char* kCommands[] = {"export", "stats", "query", "cooccur", "snapshot"};
    if (std::none_of(std::begin(kCommands), std::end(kCommands), [&](const char* c) { return a.command == c; }))
        usage_error("unknown command '" + a.command + "'");
    for (int i = 2; i < argc; ++i) {
        std::string s = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage_error(s + " needs a value");
            return argv[++i];
        };
        if (s == "--json") a.json = true;
        else if (s == "--csv") a.csv = true;
        else if (s == "--any") a.query.mode = GeneMode::Any;
        else if (s == "--all") a.query.mode = GeneMode::All;
        else if (s == "--gene") a.query.genes.push_back(value());
        else if (s == "--not") a.query.not_genes.push_back(value());
        else if (s == "--organism") a.query.organisms.push_back(value());
        else if (s == "--year-min") a.query.year_min = parse_int(s, value());
        else if (s == "--year-max") a.query.year_max = parse_int(s, value());
        else if (s == "--text") a.query.text = value();
        else if (s == "--top") a.top = size_t(parse_int(s, value()));
        else if (s == "--genes") a.genes_list = split_commas(value());
        else if (s == "-o" || s == "--output") a.output = value();
        else if (s == "--format") {
            std::string f = value();
            if (f != "json") usage_error("--format supports json only");
        } else if (s == "--measure") {
            std::string m = value();
            if (m == "count") a.measure = CooccurrenceMeasure::Count;
            else if (m == "jaccard") a.measure = CooccurrenceMeasure::Jaccard;
            else if (m == "lift") a.measure = CooccurrenceMeasure::Lift;
            else if (m == "p" || m == "neg_log10_p") a.measure = CooccurrenceMeasure::NegLog10P;
            else usage_error("unknown measure '" + m + "'");
        } else if (s.size() > 1 && s[0] == '-') usage_error("unknown option '" + s + "'");
        else a.paths.push_back(s);
    }
    if (a.paths.empty()) usage_error("no PATH given");
    if (a.command == "cooccur" && (a.top == 0) == a.genes_list.empty())
        usage_error("cooccur needs exactly one of --top N or --genes A,B,C");
    if (a.command == "snapshot" && a.output.empty()) usage_error("snapshot needs -o FILE");
    if (a.json && a.csv) usage_error("--json and --csv exclude each other");
    return a;
}

ojson terms_json(const std::vector<RecordTerm>& terms) {
    ojson arr = ojson::array();
    for (const RecordTerm& t : terms) arr.push_back({{"word", t.word}, {"name", t.name}, {"id", t.id}});
    return arr;
}

ojson nullable(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }
ojson nullable(double d) { return std::isnan(d) ? ojson(nullptr) : ojson(d); }

ojson figure_json(const FigureIndex& index, FigureId f) {
    const Figure& fig = index.figure(f);
    const FigureRecord& r = fig.record;
    std::vector<std::string> genes;
    for (GeneId g : index.figure_genes(f)) genes.push_back(index.gene_symbol(g));
    std::sort(genes.begin(), genes.end());
    ojson o;
    o["figid"] = r.figid;
    o["pmcid"] = nullable(r.pmcid);
    o["title"] = nullable(r.figtitle);
    o["caption"] = nullable(r.caption);
    o["papertitle"] = nullable(r.papertitle);
    o["reftext"] = nullable(r.reftext);
    o["year"] = r.year ? ojson(r.year) : ojson(nullptr);
    o["doi"] = nullable(r.doi);
    o["journal_title"] = nullable(r.journal_title);
    o["number"] = nullable(r.number);
    o["filename"] = nullable(r.filename);
    o["figlink"] = nullable(r.figlink);
    o["organisms"] = r.organisms;
    o["organisms_ner"] = r.organisms_ner;
    o["keywords"] = r.keywords;
    o["automl_pathway"] = nullable(r.automl_pathway);
    o["pathway_score"] = nullable(r.pathway_score);
    o["genes"] = genes;
    o["genes_from"] = genes_from_name(fig.genes_from);
    o["chemicals"] = terms_json(r.chemicals);
    o["diseases"] = terms_json(r.diseases);
    o["source"] = r.source_path;
    return o;
}

void print_json(const ojson& j) {
    std::string s = j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fputc('\n', stdout);
}

std::vector<FigureId> all_figures(const FigureIndex& index) {
    std::vector<FigureId> v(index.figure_count());
    for (FigureId f = 0; f < v.size(); ++f) v[f] = f;
    return v;
}

bool has_filter(const FigureQuery& q) {
    return !q.genes.empty() || !q.not_genes.empty() || !q.organisms.empty() || q.year_min || q.year_max ||
           !q.text.empty();
}

}  // namespace

int main(int argc, char** argv) {
    Args a = parse_args(argc, argv);
    Problems problems;
    FigureIndex index;
    load_files(index, read_paths(a.paths, problems), problems);
    for (const Problem& p : problems.items) std::fprintf(stderr, "%s\n", p.to_string().c_str());
    const int status = problems.empty() ? 0 : 1;

    if (a.command == "export") {
        ojson arr = ojson::array();
        for (FigureId f = 0; f < index.figure_count(); ++f) arr.push_back(figure_json(index, f));
        print_json(arr);
    } else if (a.command == "stats") {
        std::map<std::string, size_t> per_org, per_year, per_source;
        for (const Figure& fig : index.figures()) {
            for (OrganismId o : fig.facet_organisms) ++per_org[index.organisms()[o]];
            ++per_year[fig.record.year ? std::to_string(fig.record.year) : "unknown"];
            ++per_source[genes_from_name(fig.genes_from)];
        }
        size_t unique_genes = 0;
        for (GeneId g = 0; g < index.gene_count(); ++g) unique_genes += !index.postings(g).empty();
        if (a.json) {
            ojson o;
            o["figures"] = index.figure_count();
            o["unique_genes"] = unique_genes;
            o["gene_mentions"] = index.gene_mentions();
            o["genes_from"] = per_source;
            o["organisms"] = per_org;
            o["years"] = per_year;
            o["problems"] = problems.size();
            print_json(o);
        } else {
            std::printf("figures        %zu\nunique genes   %zu\ngene mentions  %zu\nproblems       %zu\n",
                        index.figure_count(), unique_genes, index.gene_mentions(), problems.size());
            std::printf("genes from    ");
            for (auto& [k, v] : per_source) std::printf(" %s=%zu", k.c_str(), v);
            std::printf("\nper organism\n");
            for (auto& [k, v] : per_org) std::printf("  %6zu  %s\n", v, k.c_str());
            std::printf("per year\n");
            for (auto& [k, v] : per_year) std::printf("  %6zu  %s\n", v, k.c_str());
        }
    } else if (a.command == "query") {
        QueryResult res = run_query(index, a.query);
        for (const std::string& t : res.unknown_terms)
            std::fprintf(stderr, "figscope: no gene or alias '%s' in the loaded figures\n", t.c_str());
        if (a.json) {
            ojson o;
            o["count"] = res.figures.size();
            ojson ids = ojson::array();
            for (FigureId f : res.figures) ids.push_back(index.figure(f).record.figid);
            o["figids"] = ids;
            print_json(o);
        } else {
            for (FigureId f : res.figures)
                std::printf("%s\t%d\t%s\n", index.figure(f).record.figid.c_str(), index.figure(f).record.year,
                            index.figure(f).record.figtitle.c_str());
            std::fprintf(stderr, "%zu figures\n", res.figures.size());
        }
    } else if (a.command == "cooccur") {
        std::vector<FigureId> sel = has_filter(a.query) ? run_query(index, a.query).figures : all_figures(index);
        std::vector<GeneId> genes;
        if (a.top) {
            for (const GeneCount& gc : gene_frequencies(index, sel, a.top)) genes.push_back(gc.gene);
        } else {
            for (const std::string& t : a.genes_list) {
                GeneId g = index.find_gene(t);
                if (g == kNoGene) {
                    auto r = index.resolve_gene_term(t);
                    if (!r.empty()) g = r.front();
                }
                if (g == kNoGene) {
                    std::fprintf(stderr, "figscope: no gene or alias '%s' in the loaded figures\n", t.c_str());
                    continue;
                }
                genes.push_back(g);
            }
        }
        CooccurrenceMatrix m = cooccurrence_matrix(index, sel, genes);
        const size_t n = m.n();
        if (a.csv) {
            std::printf("gene");
            for (GeneId g : m.genes) std::printf(",%s", index.gene_symbol(g).c_str());
            std::printf("\n");
            for (size_t i = 0; i < n; ++i) {
                std::printf("%s", index.gene_symbol(m.genes[i]).c_str());
                for (size_t j = 0; j < n; ++j) {
                    if (a.measure == CooccurrenceMeasure::Count) std::printf(",%u", m.at(i, j));
                    else std::printf(",%.6g", cooccurrence_value(m, i, j, a.measure));
                }
                std::printf("\n");
            }
        } else {
            ojson o;
            ojson names = ojson::array();
            for (GeneId g : m.genes) names.push_back(index.gene_symbol(g));
            o["genes"] = names;
            o["figures"] = m.figures;
            ojson rows = ojson::array();
            for (size_t i = 0; i < n; ++i) {
                ojson row = ojson::array();
                for (size_t j = 0; j < n; ++j) row.push_back(m.at(i, j));
                rows.push_back(row);
            }
            o["counts"] = rows;
            if (a.measure != CooccurrenceMeasure::Count) {
                ojson vals = ojson::array();
                for (size_t i = 0; i < n; ++i) {
                    ojson row = ojson::array();
                    for (size_t j = 0; j < n; ++j) {
                        double v = cooccurrence_value(m, i, j, a.measure);
                        row.push_back(std::isfinite(v) ? ojson(v) : ojson("inf"));
                    }
                    vals.push_back(row);
                }
                o[measure_name(a.measure)] = vals;
            }
            print_json(o);
        }
    } else if (a.command == "snapshot") {
        std::string bytes = save_snapshot(index);
        std::ofstream out(a.output, std::ios::binary);
        if (!out || !out.write(bytes.data(), std::streamsize(bytes.size()))) {
            std::fprintf(stderr, "%s:0: cannot write snapshot\n", a.output.c_str());
            return 1;
        }
        std::fprintf(stderr, "figscope: wrote %s (%zu figures, %zu bytes)\n", a.output.c_str(), index.figure_count(),
                     bytes.size());
    }
    return status;
}
