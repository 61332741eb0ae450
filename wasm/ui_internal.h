// ui_internal.h - state shared by the app and its panels (not part of the host contract).
//
// Index of this header
//   [SECTION] Actions          what a panel asks for; applied by app.cpp after all panels drew
//   [SECTION] Loading          batches of files, parsed a time slice per frame
//   [SECTION] Filter           the user's query as edited by the filter panel
//   [SECTION] Derived          selection, gene frequencies, table order, heatmap cache
//   [SECTION] App              everything the UI owns
//   [SECTION] Functions        app.cpp, panels (ui_*.cpp), widgets (ui_widgets.cpp)
//
// Data flows one way: files -> core parse -> FigureIndex -> run_query -> caches here -> panels.
// Panels read App and push Actions; they never change the query state behind the app's back,
// with one exception that is the immediate-mode norm: widgets edit their own input buffers
// (text fields, sliders) in place, and refresh() notices the difference next frame.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "imgui.h"

#include "../core/cooccurrence.h"
#include "../core/figure_index.h"
#include "../core/loader.h"
#include "../core/problems.h"
#include "../core/query.h"
#include "app.h"

namespace figscope::app {

constexpr FigureId kNoFigure = 0xffffffffu;

//-----------------------------------------------------------------------------
// [SECTION] Actions
//-----------------------------------------------------------------------------

enum class ActionType : uint8_t {
    AddGene,         // text: a gene term (symbol or alias) joins the gene filter
    RemoveGene,      // text
    AddNotGene,      // text: figures mentioning it are excluded
    RemoveNotGene,   // text
    SetGenes,        // list + mode: replaces the gene filter (heatmap cell click, JS API)
    SetMode,         // mode
    ClearFilter,     // genes, NOT genes, organisms, years, text
    SelectFigure,    // figure (kNoFigure clears)
    ShowProblems,    // bring the Problems tab forward
    OpenFiles,       // host file picker, or explain drag and drop where there is none
};

struct Action {
    ActionType type = ActionType::AddGene;
    std::string text;
    std::vector<std::string> list;
    GeneMode mode = GeneMode::All;
    FigureId figure = kNoFigure;
};

inline Action make_action(ActionType t) {
    Action a;
    a.type = t;
    return a;
}

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------

// One user action's files (bundled data, a drop, a pick, the command line).
struct LoadBatch {
    std::string label;
    std::vector<InputFile> files;
    bool ended = false;            // end_load() seen: no more files will come
    bool sorted = false;           // files put in path order (determinism: first figid wins)
    size_t next = 0;               // next file to parse
    size_t bytes_total = 0;        // of files received
    size_t bytes_parsed = 0;
    size_t fetch_done = 0, fetch_total = 0;   // host-reported transfer progress
    size_t figures_before = 0;     // index size when parsing began
    size_t problems_before = 0;    // problems count when parsing began
    size_t rejected = 0;
    bool parsed = false;           // every file went through load_file; finalize is next
};

//-----------------------------------------------------------------------------
// [SECTION] Filter
//-----------------------------------------------------------------------------

// A search box with autocomplete over symbols and OCR aliases (FigureIndex::suggest).
struct GeneInput {
    std::string text;
    std::string suggested_for;     // text the suggestions below answer
    uint64_t suggested_data = ~0ull;
    std::vector<FigureIndex::Suggestion> suggestions;
    int highlight = 0;             // index into suggestions
    bool navigated = false;        // the user moved the highlight with the arrow keys
    bool refocus = false;          // give the box keyboard focus again next frame
    float rect[4] = {0, 0, 0, 0};  // x, y, w, h of the text box last frame (ImGui pixels), for tests
    // "Enter adds STAT3 -> 12 figures": run_query with the candidate, cached per candidate.
    std::string preview_term;
    uint64_t preview_generation = ~0ull;
    size_t preview_count = 0;
};

struct FilterState {
    std::vector<std::string> genes;       // terms as shown on the chips (canonical case)
    GeneMode mode = GeneMode::All;
    std::vector<std::string> not_genes;
    std::vector<std::string> organisms;   // chosen organism facet names; empty = any
    int year_lo = 0, year_hi = 0;         // 0 = open end
    std::string text;                     // words in title / caption / paper title, as typed
    std::string text_applied;             // what the query uses: follows `text`, debounced when
                                          // text queries are slow (large data), see frame()
    double text_edited_at = 0.0;          // ImGui time of the last keystroke in the text box
    GeneInput add, exclude;
    uint64_t canonical_data = ~0ull;      // data generation the terms were canonicalised for
};

//-----------------------------------------------------------------------------
// [SECTION] Derived
//-----------------------------------------------------------------------------

struct SelectionState {
    bool valid = false;
    FigureQuery query;                    // the query `result` answers
    uint64_t data = ~0ull;                // data generation it ran on
    QueryResult result;
    uint64_t generation = 0;              // bumps whenever `result` changes
    std::vector<GeneCount> frequencies;   // gene_frequencies(result.figures), all genes
    FacetCounts facets;                   // facet_counts(result.figures): organism / year counts
    double text_query_ms = 0.0;           // how long the last run_query with text took
};

enum FigureColumn : int { kColTitle, kColYear, kColGenes, kColJournal, kColOrganism, kColCount };

struct FiguresState {
    std::vector<FigureId> order;          // selection in table order
    uint64_t order_generation = ~0ull;
    int sort_column = kColYear;
    bool sort_descending = true;
    bool sort_dirty = true;
    FigureId selected = kNoFigure;
    bool scroll_to_selected = false;
};

enum class HeatSource : uint8_t { TopN, FilterGenes };
enum class HeatOrder : uint8_t { Frequency, Name, Cluster };

struct HeatmapState {
    // Controls (what the user set).
    HeatSource source = HeatSource::TopN;
    int top_n = 30;
    CooccurrenceMeasure measure = CooccurrenceMeasure::Count;
    HeatOrder order = HeatOrder::Cluster;
    bool fit = true;                      // cell size follows the panel (never below readable)
    int zoom_pct = 100;                   // cell size in % of the font size when !fit

    // Cache key: the matrix is recomputed only when one of these changes.
    bool valid = false;
    uint64_t key_generation = ~0ull;
    HeatSource key_source = HeatSource::TopN;
    int key_n = 0;
    HeatOrder key_order = HeatOrder::Cluster;
    std::vector<std::string> key_terms;
    CooccurrenceMeasure key_measure = CooccurrenceMeasure::Count;

    // Cache.
    CooccurrenceMatrix matrix;            // in core order
    std::vector<size_t> perm;             // display position -> matrix row
    std::vector<std::string> labels;      // symbols in display order
    std::vector<double> values;           // measure, display order, n*n
    double vmax = 0.0;                    // colour scale top (off-diagonal, finite)
    std::vector<std::pair<uint16_t, uint16_t>> pairs;   // (row, col) display positions, row < col,
                                                        // co-occurring, strongest first by measure
    std::string empty_reason;             // why there is no matrix (empty state text)

    // GPU texture of the cells (one texel per cell, nearest filtering): 200x200 cells as
    // 40k quads would overflow 16-bit draw-list indices on WebGL, a texture is 4 vertices.
    uint32_t texture = 0;
    int texture_n = 0;
    bool texture_dirty = true;

    // Interaction.
    float cell_px = 0.0f;                 // cell size used last frame
    int hover_pair = -1;                  // row of the pairs list under the mouse (outlined in the map)
    uint64_t matrix_generation = 0;       // bumps when the matrix (genes, selection) is recomputed
    uint64_t drawn_generation = ~0ull;    // matrix the canvas scroll belongs to (reset on change)
    ImVec2 pending_scroll = ImVec2(-1, -1);
};

//-----------------------------------------------------------------------------
// [SECTION] App
//-----------------------------------------------------------------------------

struct App {
    FigureIndex index;
    Problems problems;

    std::deque<LoadBatch> batches;        // front = the one being fetched / parsed
    bool finalize_next = false;           // front batch parsed: finalize on the next frame
    bool ever_loaded = false;             // one batch finished: the panels have data
    uint64_t data_generation = 0;         // bumps after each finalize
    size_t figures_indexed = 0;           // figure_count() at the last finalize: the total the
                                          // panels show while a later batch is being parsed
    size_t last_batch_figures = 0;        // figures the last finished batch added
    std::string last_batch_label;

    FilterState filter;
    SelectionState sel;
    FiguresState figures;
    HeatmapState heatmap;

    std::vector<Action> actions;          // pushed while drawing, applied after

    // Window-level UI state.
    bool open_about = false;
    bool open_files_help = false;
    bool focus_problems = false;
    bool focus_figure = false;            // bring the Figure tab forward (a figure was selected)
    size_t problems_seen = 0;             // for the "new problems" badge
    int frame_count = 0;
    float table_h = -1.0f;                // centre column: figures table height (splitter)
    float table_avail = 0.0f;             // column height table_h was set for (resize keeps the share)
};

//-----------------------------------------------------------------------------
// [SECTION] Functions
//-----------------------------------------------------------------------------

// app.cpp
void push(App& app, Action a);
void push_gene(App& app, ActionType type, const std::string& term);
bool index_busy(const App& app);          // a batch is being parsed or finalized right now
bool loading(const App& app);             // any batch not finished
void refresh(App& app);                   // brings selection, frequencies, heatmap up to date
std::string canonical_term(const FigureIndex& index, const std::string& term);
bool has_term(const std::vector<std::string>& terms, const std::string& term);  // ASCII case-insensitive

// Panels. Each draws into the current window/child and pushes actions.
void draw_filter_panel(App& app);
void draw_genes_panel(App& app);
void draw_figures_table(App& app);
void draw_figure_detail(App& app);
void draw_heatmap_panel(App& app);
void draw_problems_panel(App& app);

// ui_figures.cpp: keeps figures.order in the table's sort order.
void figures_update_order(App& app);
// ui_heatmap.cpp: recomputes the cached matrix if its key changed (no drawing, no GL).
void heatmap_update(App& app);
void heatmap_release(App& app);           // frees the GL texture

// ui_widgets.cpp: small shared widgets and helpers.
namespace ui {
inline float em() { return ImGui::GetFontSize(); }

enum class ChipKind : uint8_t { Gene, GeneInFilter, NotGene, Unknown, Plain };
// A rounded label button. Returns true when clicked. `closable` appends a remove mark.
bool chip(const char* label, ChipKind kind, bool closable = false, const char* id = nullptr);
// Before an item of width w in a flow (chips): stays on the line if it fits, else wraps.
void flow_next(float w, bool first);
float chip_width(const char* label, bool closable);

// Underlined text that opens url in a new tab / the system browser.
void link(const char* label, const std::string& url);
// A small button that copies text to the clipboard, with a brief "Copied" confirmation.
void copy_button(const char* id, const std::string& text, const char* label = "Copy");
// Muted wrapped text.
void text_muted(const char* fmt, ...) IM_FMTARGS(1);
// A centred message for an empty panel: a title line and a hint.
void empty_state(const char* title, const char* hint);
// A heading in the larger font.
void heading(const char* text);
// A label column for key/value rows in the detail view.
void field_label(const char* label);
void help_marker(const char* text);

// 12,345
std::string thousands(size_t n);
// Case-insensitive substring test for the UI's own small lists (organisms, problems).
bool contains_ci(std::string_view hay, std::string_view needle);
// Viridis colormap, t in [0,1].
ImU32 viridis(float t);
ImVec4 viridis4(float t);
// Text drawn rotated 90 degrees counter-clockwise (reads bottom to top), starting at pos
// (the baseline's left end, which becomes its bottom end). Honors the draw list's clip rect.
void add_text_vertical(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col,
                       const char* text, const char* text_end = nullptr);

// Links for a figure record: PMC figure page (from figlink / pmcid) and DOI.
std::string figure_url(const FigureRecord& r);
std::string doi_url(const std::string& doi);

// Palette (light theme; see fonts.cpp apply_style()).
extern const ImU32 kAccent;
extern const ImU32 kMuted;
extern const ImVec4 kMutedV;
extern const ImVec4 kWarnV;
extern const ImVec4 kErrorV;
extern const ImVec4 kAccentV;
}  // namespace ui

}  // namespace figscope::app
