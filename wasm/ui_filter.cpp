// ui_filter.cpp - the Filter panel: gene search with autocomplete, gene chips, ALL/ANY,
// NOT genes, organism, year range, text.
//
// Index of this file
//   [SECTION] Gene box         InputText + suggestion list + "Enter adds X -> N figures" preview
//   [SECTION] Chips            the chosen terms, removable; aliases shown as "ERK1 → MAPK3"
//   [SECTION] Facets           organism combo, year range, text
//   [SECTION] Panel            draw_filter_panel
//
// The panel edits app.filter's input buffers in place (immediate mode) and pushes actions for
// gene terms; app.cpp's refresh() re-runs the query when the filter differs from the last one,
// so the counts follow every keystroke.
#include <algorithm>
#include <cstdio>

#include "fonts.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui_internal.h"

namespace figscope::app {

//-----------------------------------------------------------------------------
// [SECTION] Gene box
//-----------------------------------------------------------------------------

static std::string trim_ws(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
    return s.substr(a, b - a);
}

static int history_callback(ImGuiInputTextCallbackData* data) {
    GeneInput& in = *static_cast<GeneInput*>(data->UserData);
    const int n = int(in.suggestions.size());
    if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory && n > 0) {
        if (data->EventKey == ImGuiKey_UpArrow) in.highlight = (in.highlight + n - 1) % n;
        if (data->EventKey == ImGuiKey_DownArrow) in.highlight = (in.highlight + 1) % n;
        in.navigated = true;
    } else if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion && n > 0) {
        // Tab completes to the highlighted suggestion's text (its symbol or alias word).
        const std::string& t = in.suggestions[size_t(std::clamp(in.highlight, 0, n - 1))].text;
        data->DeleteChars(0, data->BufTextLen);
        data->InsertChars(0, t.c_str());
        in.navigated = true;
    }
    return 0;
}

// The term Enter would add: a suggestion the user picked with the arrows; else the typed term
// when the core resolves it (exact symbol or alias); else the top suggestion. Empty = none.
static std::string enter_term(const App& app, const GeneInput& in) {
    const std::string typed = trim_ws(in.text);
    if (typed.empty()) return {};
    const int n = int(in.suggestions.size());
    auto symbol_of = [&](const FigureIndex::Suggestion& s) {
        return s.gene < app.index.gene_count() ? app.index.gene_symbol(s.gene) : s.text;
    };
    if (in.navigated && in.highlight >= 0 && in.highlight < n) return symbol_of(in.suggestions[size_t(in.highlight)]);
    if (!app.index.resolve_gene_term(typed).empty()) return typed;
    if (n > 0) return symbol_of(in.suggestions[0]);
    return {};
}

// How many figures the selection would hold with `term` added (to genes, or to NOT genes).
static size_t preview_count(App& app, GeneInput& in, const std::string& term, bool exclude) {
    if (term == in.preview_term && in.preview_generation == app.sel.generation) return in.preview_count;
    FigureQuery q = app.sel.query;
    if (exclude) q.not_genes.push_back(term);
    else q.genes.push_back(term);
    in.preview_count = run_query(app.index, q).figures.size();
    in.preview_term = term;
    in.preview_generation = app.sel.generation;
    return in.preview_count;
}

static void gene_box(App& app, GeneInput& in, const char* id, const char* hint, bool exclude) {
    const float em = ui::em();
    if (in.refocus) {
        // In 1.90.1 SetKeyboardFocusHere() inside a child window does nothing while another
        // window (the parent) has focus: focus this window first.
        ImGui::SetWindowFocus();
        ImGui::SetKeyboardFocusHere();
        in.refocus = false;
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory |
                                      ImGuiInputTextFlags_CallbackCompletion | ImGuiInputTextFlags_EscapeClearsAll;
    const bool entered = ImGui::InputTextWithHint(id, hint, &in.text, flags, history_callback, &in);
    const ImVec2 rmin = ImGui::GetItemRectMin(), rmax = ImGui::GetItemRectMax();
    in.rect[0] = rmin.x, in.rect[1] = rmin.y, in.rect[2] = rmax.x - rmin.x, in.rect[3] = rmax.y - rmin.y;

    // Suggestions follow the text (and new data).
    if (in.text != in.suggested_for || in.suggested_data != app.data_generation) {
        in.suggestions = app.index.suggest(trim_ws(in.text), 8);
        in.suggested_for = in.text;
        in.suggested_data = app.data_generation;
        in.highlight = 0;
        in.navigated = false;
    }
    const std::string term = enter_term(app, in);
    if (entered) {
        if (!term.empty()) {
            push_gene(app, exclude ? ActionType::AddNotGene : ActionType::AddGene, term);
            in.text.clear();
        }
        in.refocus = true;   // Enter ends editing in ImGui; keep typing the next gene
    }
    if (trim_ws(in.text).empty()) return;

    // The suggestion list stays while there is text (not only while focused), so a click on a
    // row still finds it on the frame the box loses focus.
    const bool adding = !exclude;
    if (in.suggestions.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ui::kWarnV);
        ImGui::TextWrapped("No gene symbol or OCR word starts with \"%s\" in the loaded figures.", trim_ws(in.text).c_str());
        ImGui::PopStyleColor();
        return;
    }
    ImGui::Indent(em * 0.3f);
    for (size_t i = 0; i < in.suggestions.size(); ++i) {
        const FigureIndex::Suggestion& s = in.suggestions[i];
        const std::string sym = s.gene < app.index.gene_count() ? app.index.gene_symbol(s.gene) : s.text;
        char label[256];
        if (s.is_alias) std::snprintf(label, sizeof label, "%s \u2192 %s", s.text.c_str(), sym.c_str());
        else std::snprintf(label, sizeof label, "%s", s.text.c_str());
        char count[48];
        std::snprintf(count, sizeof count, "%s fig.", ui::thousands(s.figures).c_str());
        ImGui::PushID(int(i));
        const bool hl = int(i) == in.highlight;
        if (ImGui::Selectable("##sugg", hl, ImGuiSelectableFlags_None)) {
            push_gene(app, adding ? ActionType::AddGene : ActionType::AddNotGene, sym);
            in.text.clear();
            in.refocus = true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetItemTooltip("%s: mentioned in %s figure%s%s", sym.c_str(),
                                                          ui::thousands(s.figures).c_str(), s.figures == 1 ? "" : "s",
                                                          s.is_alias ? " (OCR word in the figures)" : "");
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float ty = a.y + (b.y - a.y - ImGui::GetTextLineHeight()) * 0.5f;
        dl->AddText(ImVec2(a.x + em * 0.3f, ty), ImGui::GetColorU32(ImGuiCol_Text), label);
        const float cw = ImGui::CalcTextSize(count).x;
        dl->AddText(ImVec2(b.x - cw - em * 0.3f, ty), ui::kMuted, count);
        ImGui::PopID();
    }
    ImGui::Unindent(em * 0.3f);
    if (!term.empty()) {
        const size_t n = preview_count(app, in, term, exclude);
        ImGui::PushStyleColor(ImGuiCol_Text, ui::kMutedV);
        if (exclude)
            ImGui::TextWrapped("Enter excludes %s \u2192 %s figures remain", term.c_str(), ui::thousands(n).c_str());
        else
            ImGui::TextWrapped("Enter adds %s \u2192 %s figure%s", term.c_str(), ui::thousands(n).c_str(), n == 1 ? "" : "s");
        ImGui::PopStyleColor();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Chips
//-----------------------------------------------------------------------------

// A chip for a filter term: its label ("STAT3", "ERK1 → MAPK3", "GLUT1 → 3 genes") and a
// tooltip listing what it resolves to and how many figures mention each.
static void term_chips(App& app, const std::vector<std::string>& terms, bool exclude) {
    bool first = true;
    for (const std::string& t : terms) {
        const std::vector<GeneId> genes = app.index.resolve_gene_term(t);
        std::string label = t;
        bool is_symbol = false;
        for (GeneId g : genes)
            if (g < app.index.gene_count() && app.index.gene_symbol(g) == t) is_symbol = true;
        if (!genes.empty() && !is_symbol) {
            if (genes.size() == 1) label += " \u2192 " + app.index.gene_symbol(genes[0]);
            else label += " \u2192 " + std::to_string(genes.size()) + " genes";
        }
        const ui::ChipKind kind = genes.empty() ? ui::ChipKind::Unknown : exclude ? ui::ChipKind::NotGene : ui::ChipKind::GeneInFilter;
        const char* shown = exclude ? "NOT " : "";
        std::string text = shown + label;
        ui::flow_next(ui::chip_width(text.c_str(), true), first);
        first = false;
        if (ui::chip(text.c_str(), kind, true, t.c_str()))
            push_gene(app, exclude ? ActionType::RemoveNotGene : ActionType::RemoveGene, t);
        if (ImGui::BeginItemTooltip()) {
            if (genes.empty()) {
                ImGui::Text("No loaded figure mentions \"%s\".", t.c_str());
            } else {
                for (size_t i = 0; i < genes.size() && i < 12; ++i)
                    ImGui::Text("%s · %s figures", app.index.gene_symbol(genes[i]).c_str(),
                                ui::thousands(app.index.postings(genes[i]).size()).c_str());
                if (genes.size() > 12) ImGui::TextDisabled("… and %zu more", genes.size() - 12);
            }
            ImGui::TextDisabled("Click to remove");
            ImGui::EndTooltip();
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Facets
//-----------------------------------------------------------------------------

static void organism_combo(App& app) {
    FilterState& f = app.filter;
    const std::vector<std::string>& all = app.index.organisms();
    char preview[160];
    if (f.organisms.empty()) std::snprintf(preview, sizeof preview, "Any organism");
    else if (f.organisms.size() == 1) std::snprintf(preview, sizeof preview, "%s", f.organisms[0].c_str());
    else std::snprintf(preview, sizeof preview, "%zu organisms", f.organisms.size());
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (!ImGui::BeginCombo("##organism", preview, ImGuiComboFlags_HeightLarge)) return;
    static std::string search;   // the combo's own search box; one combo is open at a time
    if (all.size() > 10) {
        if (ImGui::IsWindowAppearing()) {
            search.clear();
            ImGui::SetKeyboardFocusHere();
        }
        ImGui::SetNextItemWidth(-FLT_MIN);
        ImGui::InputTextWithHint("##orgsearch", "Search organisms", &search);
    }
    if (ImGui::Selectable("Any organism", f.organisms.empty(), ImGuiSelectableFlags_DontClosePopups)) f.organisms.clear();
    ImGui::Separator();
    std::vector<const std::string*> sorted;
    sorted.reserve(all.size());
    for (const std::string& o : all) sorted.push_back(&o);
    // Most figures in the current selection first (Homo sapiens, Mus musculus, ...), then by name.
    const std::vector<uint32_t>& counts = app.sel.facets.organisms;
    auto count_of = [&](const std::string* o) { size_t id = size_t(o - all.data()); return id < counts.size() ? counts[id] : 0u; };
    std::sort(sorted.begin(), sorted.end(), [&](const std::string* a, const std::string* b) {
        uint32_t ca = count_of(a), cb = count_of(b);
        return ca != cb ? ca > cb : *a < *b;
    });
    for (const std::string* o : sorted) {
        if (!search.empty() && !ui::contains_ci(*o, search)) continue;
        bool on = std::find(f.organisms.begin(), f.organisms.end(), *o) != f.organisms.end();
        if (ImGui::Checkbox(o->c_str(), &on)) {
            if (on) f.organisms.push_back(*o);
            else f.organisms.erase(std::remove(f.organisms.begin(), f.organisms.end(), *o), f.organisms.end());
        }
        // How many of the figures shown now mention this organism.
        ImGui::SameLine();
        ImGui::TextDisabled("%u", count_of(o));
    }
    ImGui::EndCombo();
}

static void year_range(App& app) {
    FilterState& f = app.filter;
    const int ymin = app.index.year_min(), ymax = app.index.year_max();
    if (ymin <= 0 || ymax <= 0) return;
    int lo = f.year_lo ? std::clamp(f.year_lo, ymin, ymax) : ymin;
    int hi = f.year_hi ? std::clamp(f.year_hi, ymin, ymax) : ymax;
    const bool set = f.year_lo || f.year_hi;
    ImGui::SetNextItemWidth(set ? -ImGui::GetFrameHeight() - ImGui::GetStyle().ItemSpacing.x : -FLT_MIN);
    if (ImGui::DragIntRange2("##years", &lo, &hi, 0.15f, ymin, ymax, "from %d", "to %d", ImGuiSliderFlags_AlwaysClamp)) {
        lo = std::clamp(lo, ymin, ymax);
        hi = std::clamp(hi, lo, ymax);
        f.year_lo = lo > ymin ? lo : 0;   // 0 = open: figures with no year are kept
        f.year_hi = hi < ymax ? hi : 0;
    }
    ImGui::SetItemTooltip("Drag, or double-click to type a year (%d–%d)", ymin, ymax);
    if (set) {
        ImGui::SameLine();
        if (ImGui::Button("\u00D7##years", ImVec2(ImGui::GetFrameHeight(), 0))) f.year_lo = f.year_hi = 0;
        ImGui::SetItemTooltip("All years");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Panel
//-----------------------------------------------------------------------------

static void section_label(const char* text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kMutedV);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void draw_filter_panel(App& app) {
    FilterState& f = app.filter;
    const float em = ui::em();
    const bool any_filter = !f.genes.empty() || !f.not_genes.empty() || !f.organisms.empty() || f.year_lo ||
                            f.year_hi || !trim_ws(f.text).empty();

    ui::heading("Filter");
    if (any_filter) {
        ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::CalcTextSize("Clear all").x -
                        ImGui::GetStyle().FramePadding.x * 2);
        if (ImGui::SmallButton("Clear all")) push(app, make_action(ActionType::ClearFilter));
    }

    // The answer first: how many figures the filter selects.
    const size_t shown = app.sel.valid ? app.sel.result.figures.size() : 0;
    {
        ImFont* hf = fonts::heading();
        if (hf) ImGui::PushFont(hf);
        ImGui::PushStyleColor(ImGuiCol_Text, ui::kAccentV);
        ImGui::TextUnformatted(ui::thousands(shown).c_str());
        ImGui::PopStyleColor();
        if (hf) ImGui::PopFont();
        ImGui::SameLine(0, em * 0.35f);
        ImGui::Text("of %s figures", ui::thousands(app.figures_indexed).c_str());
    }

    section_label("Genes");
    ImGui::SameLine();
    int mode = f.mode == GeneMode::Any ? 1 : 0;
    ImGui::SameLine(em * 4.5f);
    if (ImGui::RadioButton("all of them", &mode, 0)) { Action a = make_action(ActionType::SetMode); a.mode = GeneMode::All; push(app, a); }
    ImGui::SetItemTooltip("Figures that mention every gene below");
    ImGui::SameLine();
    if (ImGui::RadioButton("any", &mode, 1)) { Action a = make_action(ActionType::SetMode); a.mode = GeneMode::Any; push(app, a); }
    ImGui::SetItemTooltip("Figures that mention at least one gene below");
    gene_box(app, f.add, "##genebox", "Add a gene: symbol or alias (Ctrl+F)", false);
    if (!f.genes.empty()) term_chips(app, f.genes, false);

    section_label("Exclude figures mentioning");
    gene_box(app, f.exclude, "##notbox", "Gene to exclude", true);
    if (!f.not_genes.empty()) term_chips(app, f.not_genes, true);

    section_label("Organism");
    organism_combo(app);
    if (app.index.year_min() > 0) {
        section_label("Years");
        year_range(app);
    }
    section_label("Words in title or caption");
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputTextWithHint("##text", "e.g. apoptosis, JAK-STAT, hypoxia", &f.text, ImGuiInputTextFlags_EscapeClearsAll))
        f.text_edited_at = ImGui::GetTime();
    if (ImGui::IsItemDeactivatedAfterEdit() || (ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGuiKey_Enter)))
        f.text_applied = f.text;   // leaving the box or Enter: apply now, no debounce wait

    if (app.sel.valid && !app.sel.result.unknown_terms.empty()) {
        ImGui::Spacing();
        std::string list;
        for (const std::string& t : app.sel.result.unknown_terms) list += (list.empty() ? "" : ", ") + t;
        ImGui::PushStyleColor(ImGuiCol_Text, ui::kWarnV);
        ImGui::TextWrapped("Not found in the loaded figures: %s", list.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
}

}  // namespace figscope::app
