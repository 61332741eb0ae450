// figure_record.h - one PFOCR figure record as parsed from its files, before indexing.
//
// parse_figure_record() reads a record file (YAML front matter between two "---" lines,
// the PFOCR site's _figures/<figid>.md or a seed .txt); parse_sidecar_tsv() reads
// _data/<figid>-{genes,chemicals,diseases}.tsv. Both report problems as path:line: reason.
#pragma once
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "problems.h"

namespace figscope {

enum class GenesFrom : uint8_t { None, Inline, Sidecar, Keywords };
const char* genes_from_name(GenesFrom g);   // "none", "inline", "sidecar", "keywords"

// An OCR word and the gene symbol it was matched to; the alias table for search.
struct GeneWord {
    std::string word;
    std::string symbol;
};

// One gene of a figure: its symbol and, where known, its organism and NCBI/Entrez id.
struct RecordGene {
    std::string symbol;
    std::string organism;   // "" for inline genes (PFOCR's older layout is human, HGNC)
    std::string gene_id;    // entrez / ncbigene_id, "" if unknown
};

// A chemical or disease annotation: the OCR word, the name it was matched to, and an id.
struct RecordTerm {
    std::string word;
    std::string name;       // matched name ("" if NA)
    std::string id;         // MESH / chebi / doid identifier ("" if NA)
};

struct FigureRecord {
    std::string source_path;   // file the record came from
    int source_line = 1;       // line of the opening "---"
    bool figid_from_filename = false;

    std::string figid, pmcid, figtitle, caption, papertitle, reftext, doi, journal_title,
        number, filename, figlink;
    int year = 0;                               // 0 = missing
    std::vector<std::string> organisms;         // "NA" dropped; a scalar "A, B" is split
    std::vector<std::string> organisms_ner;
    std::vector<std::string> keywords;          // the paper's keywords ("a | b | c" split)
    std::vector<std::string> jsonld_keywords;   // schema-jsonld keywords
    double automl_pathway = NAN;                // 2020+ records
    double pathway_score = NAN;                 // older records

    bool has_inline_genes = false;              // a non-empty inline genes: list was present
    std::vector<RecordGene> genes;              // unique symbols, first-seen order
    std::vector<GeneWord> gene_words;           // unique (word, symbol) pairs
    std::vector<RecordTerm> chemicals, diseases;
};

// Splits "---\n<yaml>\n---" off the start of a file. On success yaml is the text between the
// fences and yaml_first_line its line in the file. Returns false with a reason otherwise.
bool split_front_matter(std::string_view text, std::string_view& yaml, int& yaml_first_line,
                        std::string& reason, int& reason_line);

// Parses one record file. Returns false (and adds problems) when the file holds no usable
// record; may add warnings (e.g. figid taken from the file name) and still return true.
bool parse_figure_record(std::string_view path, std::string_view text, FigureRecord& out,
                         Problems& problems);

enum class SidecarKind : uint8_t { Genes, Chemicals, Diseases };

struct Sidecar {
    SidecarKind kind = SidecarKind::Genes;
    std::string figid;            // from the file name: <figid>-genes.tsv
    std::string path;
    std::vector<RecordGene> genes;          // Genes: unique (symbol, organism), first-seen order
    std::vector<GeneWord> gene_words;       // Genes: unique (word, symbol) and (match, symbol)
    std::vector<RecordTerm> terms;          // Chemicals / Diseases
};

// Is this file name a sidecar? Fills kind and figid from "<figid>-genes.tsv" etc.
bool sidecar_name(std::string_view path, SidecarKind& kind, std::string& figid);

// Parses a sidecar TSV; columns are found by header name. Bad rows are reported and skipped.
bool parse_sidecar_tsv(std::string_view path, std::string_view text, Sidecar& out,
                       Problems& problems);

// Stated limits, enforced with clear errors (see docs/LIMITS.md).
struct Limits {
    static constexpr size_t max_record_bytes = 16u << 20;     // one record file
    static constexpr size_t max_sidecar_bytes = 64u << 20;    // one TSV
    static constexpr size_t max_genes_per_figure = 20000;
    static constexpr size_t max_figures = 2000000;            // per index
};

}  // namespace figscope
