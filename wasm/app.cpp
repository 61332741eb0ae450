// app.cpp - the figscope explorer: app state, loading, actions, the JS/test API, and the frame.
//
// Index of this file
//   [SECTION] Lifecycle        create, destroy
//   [SECTION] Loading          begin_load / add_file / end_load, pump_loading (8 ms slices)
//   [SECTION] Terms            canonical_term, has_term
//   [SECTION] Actions          push, apply_actions
//   [SECTION] Refresh          FigureQuery from the filter, run_query, derived caches
//   [SECTION] API              state_json, set_genes
//   [SECTION] Frame            host window, menu bar, loading screen, panel layout, popups
//
// Call flow of one frame (app::frame, between the host's ImGui::NewFrame and Render):
//   pump_loading   parse the front batch's files for ~8 ms with core load_file; on the frame
//                  after its last file, index.finalize() (a separate frame, so the loading
//                  screen can say "Building the gene index" before the one long step)
//   refresh        filter -> FigureQuery; re-run run_query only if it differs from the last;
//                  then gene_frequencies, the table's sort order and the heatmap matrix,
//                  each only when its inputs changed
//   draw           menu bar, then either the loading screen (no data yet) or three columns:
//                  Filter + Genes | Figures table + detail/problems tabs | Heatmap.
//                  Panels read App and push Actions.
//   apply_actions  mutate the filter/selection; refresh again so state_json() agrees with the
//                  state the next frame will draw.
#include "app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>

#include "fonts.h"
#include "imgui.h"
#include "platform.h"
#include "ui_internal.h"

namespace figscope::app {

//-----------------------------------------------------------------------------
// [SECTION] Lifecycle
//-----------------------------------------------------------------------------

App* create() { return new App(); }

void destroy(App* app) {
    if (!app) return;
    heatmap_release(*app);
    delete app;
}

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------

// The batch that files and progress currently go to: the oldest one not ended. Batches are a
// FIFO: a host may begin the next batch (say, a second drop) before the first one's files have
// arrived; files go to the first until its end_load. Files that arrive with no open batch (a
// host that never called begin_load) get an implicit one.
static LoadBatch& open_batch(App& app) {
    for (LoadBatch& b : app.batches)
        if (!b.ended) return b;
    app.batches.emplace_back();
    app.batches.back().label = "files";
    return app.batches.back();
}

void begin_load(App& app, const std::string& label) {
    app.batches.emplace_back();
    app.batches.back().label = label.empty() ? std::string("files") : label;
}

void set_fetch_progress(App& app, size_t bytes_done, size_t bytes_total) {
    LoadBatch& b = open_batch(app);
    b.fetch_done = bytes_done;
    b.fetch_total = bytes_total;
}

void add_file(App& app, InputFile file) {
    LoadBatch& b = open_batch(app);
    b.bytes_total += file.bytes.size();
    b.files.push_back(std::move(file));
}

void end_load(App& app) {
    for (LoadBatch& b : app.batches)
        if (!b.ended) { b.ended = true; return; }
}

void report_problem(App& app, const std::string& path, const std::string& message) {
    app.problems.add(path, 0, message);
}

bool index_busy(const App& app) { return !app.batches.empty() && app.batches.front().ended; }
bool loading(const App& app) { return !app.batches.empty(); }

// Parses the front batch for at most kSliceMs, so the UI keeps drawing (progress bar) while a
// large batch loads. A batch is parsed only once it is complete (end_load): files are visited
// in sorted path order, which makes "the first figid loaded wins" deterministic.
static void pump_loading(App& app) {
    constexpr double kSliceMs = 8.0;
    if (app.batches.empty()) return;
    LoadBatch& b = app.batches.front();
    if (!b.ended) return;

    if (app.finalize_next) {
        try {
            app.index.finalize(app.problems);
        } catch (const std::exception& e) {
            app.problems.add(b.label, 0, std::string("internal error while indexing: ") + e.what());
        }
        app.finalize_next = false;
        app.ever_loaded = true;
        ++app.data_generation;
        app.figures_indexed = app.index.figure_count();
        app.last_batch_figures = app.index.figure_count() - std::min(app.index.figure_count(), b.figures_before);
        app.last_batch_label = b.label;
        // A batch that brought nothing usable: its problems are the only news, show them.
        if (app.last_batch_figures == 0 && app.problems.size() > b.problems_before) app.focus_problems = true;
        app.batches.pop_front();
        return;
    }

    if (!b.sorted) {
        std::stable_sort(b.files.begin(), b.files.end(),
                         [](const InputFile& x, const InputFile& y) { return x.path < y.path; });
        b.sorted = true;
        b.figures_before = app.index.figure_count();
        b.problems_before = app.problems.size();
    }
    const auto start = std::chrono::steady_clock::now();
    while (b.next < b.files.size()) {
        InputFile& f = b.files[b.next];
        try {
            if (!load_file(app.index, f, app.problems)) ++b.rejected;
        } catch (const std::exception& e) {
            app.problems.add(f.path, 0, std::string("internal error while reading: ") + e.what());
            ++b.rejected;
        }
        b.bytes_parsed += f.bytes.size();
        std::string().swap(f.bytes);   // the index holds what it needs; release the raw bytes now
        ++b.next;
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (ms > kSliceMs) break;
    }
    if (b.next >= b.files.size()) {
        b.parsed = true;
        app.finalize_next = true;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Terms
//-----------------------------------------------------------------------------

static bool equal_ci(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = char(x - 32);
        if (y >= 'a' && y <= 'z') y = char(y - 32);
        if (x != y) return false;
    }
    return true;
}

static std::string trimmed(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r')) --b;
    return s.substr(a, b - a);
}

// The spelling a term is shown and kept in. The core resolves terms ignoring ASCII case, so
// "stat3" and "STAT3" select the same figures; the chip shows the symbol's own spelling (the
// most-mentioned one when several organisms' symbols differ only in case). Aliases and
// unknown words are kept as typed: replacing ERK1 by MAPK3 would change what is selected.
std::string canonical_term(const FigureIndex& index, const std::string& term) {
    std::string t = trimmed(term);
    if (t.empty()) return t;
    const std::vector<GeneId> genes = index.resolve_gene_term(t);
    GeneId best = kNoGene;
    size_t best_n = 0;
    for (GeneId g : genes) {
        if (g >= index.gene_count()) continue;
        const std::string& sym = index.gene_symbol(g);
        if (!equal_ci(sym, t)) continue;
        const size_t n = index.postings(g).size();
        if (best == kNoGene || n > best_n || (n == best_n && sym == t)) { best = g; best_n = n; }
    }
    return best == kNoGene ? t : index.gene_symbol(best);
}

bool has_term(const std::vector<std::string>& terms, const std::string& term) {
    return std::any_of(terms.begin(), terms.end(), [&](const std::string& t) { return equal_ci(t, term); });
}

static void erase_term(std::vector<std::string>& terms, const std::string& term) {
    terms.erase(std::remove_if(terms.begin(), terms.end(), [&](const std::string& t) { return equal_ci(t, term); }),
                terms.end());
}

static std::string canonical_if_loaded(const App& app, const std::string& term) {
    return app.ever_loaded ? canonical_term(app.index, term) : trimmed(term);
}

//-----------------------------------------------------------------------------
// [SECTION] Actions
//-----------------------------------------------------------------------------

void push(App& app, Action a) { app.actions.push_back(std::move(a)); }

void push_gene(App& app, ActionType type, const std::string& term) {
    Action a;
    a.type = type;
    a.text = term;
    app.actions.push_back(std::move(a));
}

static void set_gene_list(App& app, const std::vector<std::string>& genes, GeneMode mode) {
    FilterState& f = app.filter;
    f.genes.clear();
    for (const std::string& g : genes) {
        std::string t = canonical_if_loaded(app, g);
        if (!t.empty() && !has_term(f.genes, t)) f.genes.push_back(t);
    }
    for (const std::string& g : f.genes) erase_term(f.not_genes, g);
    f.mode = mode;
}

static void apply_actions(App& app) {
    // Swap out first: an action may (in the future) push more; those run next frame.
    std::vector<Action> actions;
    actions.swap(app.actions);
    FilterState& f = app.filter;
    for (Action& a : actions) {
        switch (a.type) {
            case ActionType::AddGene: {
                std::string t = canonical_if_loaded(app, a.text);
                if (t.empty()) break;
                erase_term(f.not_genes, t);
                if (!has_term(f.genes, t)) f.genes.push_back(t);
                break;
            }
            case ActionType::RemoveGene: erase_term(f.genes, a.text); break;
            case ActionType::AddNotGene: {
                std::string t = canonical_if_loaded(app, a.text);
                if (t.empty()) break;
                erase_term(f.genes, t);
                if (!has_term(f.not_genes, t)) f.not_genes.push_back(t);
                break;
            }
            case ActionType::RemoveNotGene: erase_term(f.not_genes, a.text); break;
            case ActionType::SetGenes: set_gene_list(app, a.list, a.mode); break;
            case ActionType::SetMode: f.mode = a.mode; break;
            case ActionType::ClearFilter:
                f.genes.clear();
                f.not_genes.clear();
                f.organisms.clear();
                f.year_lo = f.year_hi = 0;
                f.text.clear();
                f.text_applied.clear();
                f.mode = GeneMode::All;
                break;
            case ActionType::SelectFigure:
                app.figures.selected = a.figure;
                app.figures.scroll_to_selected = true;
                if (a.figure != kNoFigure) app.focus_figure = true;
                break;
            case ActionType::ShowProblems: app.focus_problems = true; break;
            case ActionType::OpenFiles:
                if (platform::can_pick_files()) platform::pick_files();
                else app.open_files_help = true;
                break;
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Refresh
//-----------------------------------------------------------------------------

static FigureQuery make_query(const App& app) {
    const FilterState& f = app.filter;
    FigureQuery q;
    q.genes = f.genes;
    q.mode = f.mode;
    q.not_genes = f.not_genes;
    q.organisms = f.organisms;
    // A range that covers every year is no filter at all: figures without a year stay in.
    q.year_min = (f.year_lo && f.year_lo > app.index.year_min()) ? f.year_lo : 0;
    q.year_max = (f.year_hi && f.year_hi < app.index.year_max()) ? f.year_hi : 0;
    q.text = trimmed(f.text_applied);
    return q;
}

static bool same_query(const FigureQuery& a, const FigureQuery& b) {
    return a.genes == b.genes && a.mode == b.mode && a.not_genes == b.not_genes && a.organisms == b.organisms &&
           a.year_min == b.year_min && a.year_max == b.year_max && a.text == b.text;
}

void refresh(App& app) {
    if (!app.ever_loaded || index_busy(app)) return;
    FilterState& f = app.filter;
    if (f.canonical_data != app.data_generation) {
        // New data may turn an unknown term into a gene (or give it its symbol's spelling).
        for (auto* list : {&f.genes, &f.not_genes}) {
            std::vector<std::string> out;
            for (const std::string& t : *list) {
                std::string c = canonical_term(app.index, t);
                if (!c.empty() && !has_term(out, c)) out.push_back(c);
            }
            *list = std::move(out);
        }
        f.canonical_data = app.data_generation;
    }

    SelectionState& s = app.sel;
    FigureQuery q = make_query(app);
    if (!s.valid || s.data != app.data_generation || !same_query(q, s.query)) {
        try {
            const auto t0 = std::chrono::steady_clock::now();
            s.result = run_query(app.index, q);
            if (!q.text.empty())
                s.text_query_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            s.frequencies = gene_frequencies(app.index, s.result.figures, 0);
            s.facets = facet_counts(app.index, s.result.figures);
        } catch (const std::exception& e) {
            s.result = QueryResult{};
            s.frequencies.clear();
            app.problems.add("query", 0, std::string("internal error: ") + e.what());
        }
        s.query = std::move(q);
        s.data = app.data_generation;
        s.valid = true;
        ++s.generation;
        // Keep the figure in the detail view only while it is part of the selection.
        FigureId sel = app.figures.selected;
        if (sel != kNoFigure && !std::binary_search(s.result.figures.begin(), s.result.figures.end(), sel))
            app.figures.selected = kNoFigure;
    }
    figures_update_order(app);
    heatmap_update(app);
}

//-----------------------------------------------------------------------------
// [SECTION] API
//-----------------------------------------------------------------------------

std::string state_json(const App& app) {
    nlohmann::json j;
    const bool ready = app.ever_loaded && !index_busy(app);
    j["ready"] = ready;
    j["loading"] = loading(app);
    // Once data is shown, the total of the indexed data (what the panels count against); before
    // that, the figures parsed so far (what the loading screen counts).
    j["figures_total"] = app.ever_loaded ? app.figures_indexed : app.index.figure_count();
    // What the panels show: while a later batch is being indexed they keep showing the last
    // selection, so these keep reporting it.
    j["figures_shown"] = app.sel.valid ? app.sel.result.figures.size() : 0;
    j["genes_filter"] = app.filter.genes;
    j["gene_mode"] = app.filter.mode == GeneMode::Any ? "any" : "all";
    j["not_genes"] = app.filter.not_genes;
    j["unknown_genes"] = app.sel.valid ? app.sel.result.unknown_terms : std::vector<std::string>{};
    const bool heat = app.sel.valid && app.heatmap.valid && app.heatmap.empty_reason.empty();
    j["heatmap_genes"] = heat ? app.heatmap.labels : std::vector<std::string>{};
    j["heatmap_measure"] = measure_name(app.heatmap.measure);
    j["problems"] = app.problems.size();
    // Where the gene search box is (ImGui pixels = CSS pixels x devicePixelRatio), so a test
    // can click into it and type with real key events.
    j["search_box"] = {app.filter.add.rect[0], app.filter.add.rect[1], app.filter.add.rect[2], app.filter.add.rect[3]};
    const FigureId f = app.figures.selected;
    j["selected_figid"] = (f != kNoFigure && f < app.index.figure_count()) ? nlohmann::json(app.index.figure(f).record.figid)
                                                                        : nlohmann::json(nullptr);
    // Replacement of invalid UTF-8 (never expected: the core validates records) beats a throw.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void set_genes(App& app, const std::vector<std::string>& genes, GeneMode mode) {
    set_gene_list(app, genes, mode);
    refresh(app);   // so an immediate state_json() already reports the new selection
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

static std::string megabytes(size_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / (1024.0 * 1024.0));
    return buf;
}

// A progress bar with no known end: a block sliding along the track.
static void progress_indeterminate(const ImVec2& size, const char* overlay) {
    ImGui::ProgressBar(0.0f, size, "");   // empty overlay: ours is drawn centred, over the block
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float w = b.x - a.x, block = w * 0.25f;
    const float t = float(std::fmod(ImGui::GetTime() * 0.7, 1.0));
    const float x0 = a.x + (w + block) * t - block;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(a, b, true);
    dl->AddRectFilled(ImVec2(x0, a.y), ImVec2(x0 + block, b.y), ImGui::GetColorU32(ImGuiCol_PlotHistogram, 0.55f),
                      ImGui::GetStyle().FrameRounding);
    dl->PopClipRect();
    if (overlay) {   // the overlay drawn by ProgressBar is under the block: draw it again
        const ImVec2 ts = ImGui::CalcTextSize(overlay);
        dl->AddText(ImVec2(a.x + (w - ts.x) * 0.5f, a.y + (b.y - a.y - ts.y) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text),
                    overlay);
    }
}

// Progress of the front batch: fetch (bytes) and indexing (files, figures) as two bars.
static void draw_batch_progress(const App& app, float width) {
    if (app.batches.empty()) return;
    const LoadBatch& b = app.batches.front();
    const float em = ui::em();
    char buf[160];

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Fetching");
    ImGui::SameLine(em * 6);
    if (b.ended) {
        std::snprintf(buf, sizeof buf, "%s · %s files", megabytes(b.bytes_total).c_str(), ui::thousands(b.files.size()).c_str());
        ImGui::ProgressBar(1.0f, ImVec2(width - em * 6, 0), buf);
    } else if (b.fetch_total > 0) {
        std::snprintf(buf, sizeof buf, "%s of %s", megabytes(b.fetch_done).c_str(), megabytes(b.fetch_total).c_str());
        ImGui::ProgressBar(float(double(b.fetch_done) / double(b.fetch_total)), ImVec2(width - em * 6, 0), buf);
    } else if (b.files.empty() && b.fetch_done == 0) {
        progress_indeterminate(ImVec2(width - em * 6, 0), "reading files…");
    } else {
        std::snprintf(buf, sizeof buf, "%s · %s files received", megabytes(std::max(b.fetch_done, b.bytes_total)).c_str(),
                      ui::thousands(b.files.size()).c_str());
        progress_indeterminate(ImVec2(width - em * 6, 0), buf);
    }

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Indexing");
    ImGui::SameLine(em * 6);
    if (!b.ended) {
        ImGui::ProgressBar(0.0f, ImVec2(width - em * 6, 0), "waiting for files");
    } else if (app.finalize_next) {
        std::snprintf(buf, sizeof buf, "building the gene index · %s figures",
                      ui::thousands(app.index.figure_count()).c_str());
        progress_indeterminate(ImVec2(width - em * 6, 0), buf);
    } else {
        const float frac = b.bytes_total ? float(double(b.bytes_parsed) / double(b.bytes_total))
                                         : (b.files.empty() ? 1.0f : float(b.next) / float(b.files.size()));
        std::snprintf(buf, sizeof buf, "%s of %s files · %s figures", ui::thousands(b.next).c_str(),
                      ui::thousands(b.files.size()).c_str(), ui::thousands(app.index.figure_count()).c_str());
        ImGui::ProgressBar(frac, ImVec2(width - em * 6, 0), buf);
    }
}

// Shown until the first batch is indexed: never a blank canvas.
static void draw_loading_screen(App& app) {
    const float em = ui::em();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float w = std::min(avail.x - em * 2, em * 34);
    const float h = em * 11;   // about the card's height, for centring; the card sizes itself
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + (avail.x - w) * 0.5f,
                               ImGui::GetCursorPosY() + std::max(0.0f, (avail.y - h) * 0.4f)));
    ImGui::BeginChild("##loading", ImVec2(w, 0),
                      ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_AutoResizeY);
    ui::heading("figscope");
    ui::text_muted("Pathway figures from PubMed Central papers, with the genes read from each figure (PFOCR).");
    ImGui::Spacing();
    const float inner = ImGui::GetContentRegionAvail().x;
    if (!app.batches.empty()) {
        ImGui::Text("Loading %s…", app.batches.front().label.c_str());
        ImGui::Spacing();
        draw_batch_progress(app, inner);
    } else {
        ImGui::TextUnformatted("Waiting for data…");
        ImGui::Spacing();
        progress_indeterminate(ImVec2(inner, 0), nullptr);
        ImGui::Spacing();
        if (ImGui::Button("Open files…")) push(app, make_action(ActionType::OpenFiles));
    }
    if (!app.problems.empty()) {
        ImGui::Spacing();
        ImGui::TextColored(ui::kWarnV, "%s problem%s so far (listed once loading ends)",
                           ui::thousands(app.problems.size()).c_str(), app.problems.size() == 1 ? "" : "s");
    }
    ImGui::EndChild();
}

static std::string selection_genes_text(const App& app) {
    std::string out;
    for (const GeneCount& g : app.sel.frequencies) {
        if (g.gene >= app.index.gene_count()) continue;
        out += app.index.gene_symbol(g.gene);
        out += '\n';
    }
    return out;
}

static std::string selection_figids_text(const App& app) {
    std::string out;
    for (FigureId f : app.figures.order) {
        if (f >= app.index.figure_count()) continue;
        out += app.index.figure(f).record.figid;
        out += '\n';
    }
    return out;
}

static void draw_menu_bar(App& app) {
    if (!ImGui::BeginMenuBar()) return;
    const bool ready = app.ever_loaded && !index_busy(app);
    if (ImGui::MenuItem("Open files…")) push(app, make_action(ActionType::OpenFiles));
    if (ImGui::BeginMenu("Selection")) {
        if (ImGui::MenuItem("Copy figure IDs", nullptr, false, ready && !app.figures.order.empty()))
            ImGui::SetClipboardText(selection_figids_text(app).c_str());
        if (ImGui::MenuItem("Copy gene symbols", nullptr, false, ready && !app.sel.frequencies.empty()))
            ImGui::SetClipboardText(selection_genes_text(app).c_str());
        ImGui::Separator();
        if (ImGui::MenuItem("Clear filter", nullptr, false, ready)) push(app, make_action(ActionType::ClearFilter));
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem("About")) app.open_about = true;

    ImGui::Separator();
    if (app.ever_loaded && app.sel.valid) {
        ImGui::Text("%s of %s figures", ui::thousands(app.sel.result.figures.size()).c_str(),
                    ui::thousands(app.figures_indexed).c_str());
        ImGui::TextDisabled("· %s genes", ui::thousands(app.sel.frequencies.size()).c_str());
    }
    // A batch added to loaded data: the panels stay usable, progress shows here.
    if (app.ever_loaded && !app.batches.empty()) {
        const LoadBatch& b = app.batches.front();
        float frac = 0.0f;
        if (!b.ended) frac = b.fetch_total ? float(double(b.fetch_done) / double(b.fetch_total)) * 0.5f : 0.0f;
        else frac = 0.5f + 0.5f * (b.bytes_total ? float(double(b.bytes_parsed) / double(b.bytes_total)) : 1.0f);
        char buf[96];
        std::snprintf(buf, sizeof buf, "adding %s", b.label.c_str());
        ImGui::ProgressBar(frac, ImVec2(ui::em() * 12, 0), buf);
    }

    // Right side: problems badge and the host.
    const size_t np = app.problems.size();
    char badge[64];
    if (np) std::snprintf(badge, sizeof badge, "\u26A0 %s problem%s", ui::thousands(np).c_str(), np == 1 ? "" : "s");
    const char* host = platform::host_name();
    char right[96];
    std::snprintf(right, sizeof right, "PFOCR · CC0 · %s", host ? host : "");
    const float rw = ImGui::CalcTextSize(right).x + (np ? ImGui::CalcTextSize(badge).x + ui::em() * 2 : 0);
    const float x = ImGui::GetWindowWidth() - rw - ImGui::GetStyle().WindowPadding.x * 2;
    if (x > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(x);
    if (np) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::kWarnV);
        if (ImGui::MenuItem(badge)) push(app, make_action(ActionType::ShowProblems));
        ImGui::PopStyleColor();
        ImGui::SetItemTooltip("Files or lines that could not be used. Everything else is loaded.");
    }
    ImGui::TextDisabled("%s", right);
    ImGui::EndMenuBar();
}

static void draw_about(App& app) {
    if (app.open_about) {
        ImGui::OpenPopup("About figscope");
        app.open_about = false;
    }
    const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(ui::em() * 32, 0), ImGuiCond_Appearing);
    if (ImGui::BeginPopupModal("About figscope", nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        ui::heading("figscope");
        ImGui::TextWrapped("An explorer for pathway figures: find the figures that mention your genes, "
                           "see which genes appear together, and open each figure at PubMed Central.");
        ImGui::Spacing();
        ImGui::TextWrapped("Data: PFOCR (Pathway Figure OCR) by WikiPathways: figures from PubMed Central "
                           "papers, with the gene symbols, chemicals and diseases recognised in each figure. "
                           "Licence: CC0 (public domain).");
        ui::link("pfocr.wikipathways.org", "https://pfocr.wikipathways.org");
        ImGui::Spacing();
        ImGui::Text("Loaded: %s figures · %s genes · %s gene mentions", ui::thousands(app.index.figure_count()).c_str(),
                    ui::thousands(app.index.gene_count()).c_str(), ui::thousands(app.index.gene_mentions()).c_str());
        ImGui::Text("Host: %s · Dear ImGui %s", platform::host_name(), IMGUI_VERSION);
        ImGui::Spacing();
        ui::text_muted("Keys: Ctrl+F or / focuses the gene box · Enter adds the top suggestion · "
                       "Up/Down pick a suggestion · Ctrl+wheel zooms the heatmap.");
        ImGui::Spacing();
        if (ImGui::Button("Close", ImVec2(ui::em() * 6, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

static void draw_files_help(App& app) {
    if (app.open_files_help) {
        ImGui::OpenPopup("Open your own data");
        app.open_files_help = false;
    }
    const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(ui::em() * 30, 0), ImGuiCond_Appearing);
    if (ImGui::BeginPopupModal("Open your own data", nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextWrapped("Drag files or folders onto this window. They are added to what is already loaded.");
        ImGui::Spacing();
        ImGui::TextWrapped("Accepted: PFOCR figure records (.md or .txt with YAML front matter), sidecars "
                           "(<figid>-genes.tsv, -chemicals.tsv, -diseases.tsv), figscope snapshots (.figsnap), "
                           "and folders holding them, such as a checkout of the PFOCR site (_figures/, _data/).");
        ImGui::Spacing();
        ui::text_muted("From a terminal: figscope-desktop PATH…");
        ImGui::Spacing();
        if (ImGui::Button("OK", ImVec2(ui::em() * 6, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape) ||
            ImGui::IsKeyPressed(ImGuiKey_Enter))
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

// A horizontal bar the user drags to share height between two stacked panels.
static void splitter_h(const char* id, float* top, float min_top, float max_top) {
    const float thickness = std::max(4.0f, ui::em() * 0.4f);
    ImGui::InvisibleButton(id, ImVec2(-FLT_MIN, thickness));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
    if (ImGui::IsItemActive()) *top = std::clamp(*top + ImGui::GetIO().MouseDelta.y, min_top, max_top);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float y = (a.y + b.y) * 0.5f;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x + (b.x - a.x) * 0.45f, y), ImVec2(a.x + (b.x - a.x) * 0.55f, y),
                                        ImGui::GetColorU32(ImGuiCol_Border, ImGui::IsItemHovered() ? 1.0f : 0.6f),
                                        std::max(1.0f, ui::em() * 0.12f));
}

static void draw_centre_column(App& app) {
    float& table_h = app.table_h;
    float& last_avail = app.table_avail;
    const float em = ui::em();
    const float avail = ImGui::GetContentRegionAvail().y;
    // First frame and window resizes: keep the table's share of the column.
    if (table_h < 0) table_h = avail * 0.52f;
    else if (last_avail > 0 && std::fabs(avail - last_avail) > 0.5f) table_h *= avail / last_avail;
    last_avail = avail;
    table_h = std::clamp(table_h, em * 6, std::max(em * 6, avail - em * 8));

    if (ImGui::BeginChild("##figures", ImVec2(0, table_h), ImGuiChildFlags_None)) draw_figures_table(app);
    ImGui::EndChild();
    splitter_h("##split_figures", &table_h, em * 6, std::max(em * 6, avail - em * 8));

    if (ImGui::BeginTabBar("##bottom_tabs")) {
        if (ImGui::BeginTabItem("Figure", nullptr, app.focus_figure ? ImGuiTabItemFlags_SetSelected : 0)) {
            if (ImGui::BeginChild("##detail", ImVec2(0, 0), ImGuiChildFlags_None)) draw_figure_detail(app);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        char title[64];
        std::snprintf(title, sizeof title, "Problems (%s)###problems_tab", ui::thousands(app.problems.size()).c_str());
        ImGuiTabItemFlags flags = app.focus_problems ? ImGuiTabItemFlags_SetSelected : 0;
        if (!app.problems.empty()) ImGui::PushStyleColor(ImGuiCol_Text, ui::kWarnV);
        const bool open = ImGui::BeginTabItem(title, nullptr, flags);
        if (!app.problems.empty()) ImGui::PopStyleColor();
        if (open) {
            app.problems_seen = app.problems.size();
            if (ImGui::BeginChild("##problems", ImVec2(0, 0), ImGuiChildFlags_None)) draw_problems_panel(app);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        app.focus_problems = false;
        app.focus_figure = false;
        ImGui::EndTabBar();
    }
}

static void draw_layout(App& app) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_NoSavedSettings | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoPadOuterX;
    if (!ImGui::BeginTable("##layout", 3, flags, avail)) return;
    ImGui::TableSetupColumn("left", ImGuiTableColumnFlags_WidthStretch, 0.23f);
    ImGui::TableSetupColumn("centre", ImGuiTableColumnFlags_WidthStretch, 0.44f);
    ImGui::TableSetupColumn("right", ImGuiTableColumnFlags_WidthStretch, 0.33f);
    ImGui::TableNextRow(ImGuiTableRowFlags_None, avail.y);

    ImGui::TableSetColumnIndex(0);
    {
        const float h = ImGui::GetContentRegionAvail().y;
        // The filter takes what its content needs (chips wrap and grow it), up to 60%.
        ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, h * 0.6f));
        if (ImGui::BeginChild("##filter", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY)) draw_filter_panel(app);
        ImGui::EndChild();
        ImGui::Separator();
        if (ImGui::BeginChild("##genes", ImVec2(0, 0), ImGuiChildFlags_None)) draw_genes_panel(app);
        ImGui::EndChild();
    }
    ImGui::TableSetColumnIndex(1);
    draw_centre_column(app);
    ImGui::TableSetColumnIndex(2);
    if (ImGui::BeginChild("##heatmap", ImVec2(0, 0), ImGuiChildFlags_None)) draw_heatmap_panel(app);
    ImGui::EndChild();
    ImGui::EndTable();
}

static void handle_shortcuts(App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_F, false)) app.filter.add.refocus = true;
    if (!io.WantTextInput && ImGui::IsKeyPressed(ImGuiKey_Slash, false)) app.filter.add.refocus = true;
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_O, false)) push(app, make_action(ActionType::OpenFiles));
}

// The text filter scans titles and captions: on a large index that takes long enough to stall
// typing, so the query then waits for a pause in typing (or Enter); on small data it follows
// every keystroke.
static void apply_text_filter(App& app) {
    FilterState& f = app.filter;
    if (f.text == f.text_applied) return;
    const bool cheap = app.sel.text_query_ms < 25.0;
    const bool paused = ImGui::GetTime() - f.text_edited_at > 0.25;
    if (cheap || paused) f.text_applied = f.text;
}

void frame(App& app) {
    ++app.frame_count;
    pump_loading(app);
    apply_text_filter(app);
    refresh(app);

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags host_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                        ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin("figscope##host", nullptr, host_flags);
    ImGui::PopStyleVar(2);

    draw_menu_bar(app);
    if (!app.ever_loaded) draw_loading_screen(app);
    else draw_layout(app);
    draw_about(app);
    draw_files_help(app);
    if (app.ever_loaded) handle_shortcuts(app);

    ImGui::End();

    apply_actions(app);
    apply_text_filter(app);
    refresh(app);
}

}  // namespace figscope::app
