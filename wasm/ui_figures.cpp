// ui_figures.cpp - the Figures table (virtualised, sortable) and the figure detail view.
//
// Index of this file
//   [SECTION] Order            figures_update_order: the selection in the table's sort order
//   [SECTION] Table            header line, ImGuiListClipper rows, keyboard selection
//   [SECTION] Detail           title, links, caption, paper, genes/chemicals/diseases chips, ids
//
// The table shows app.figures.order (the query result, sorted here); only visible rows are
// submitted, so 100k figures cost the same per frame as 30.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "fonts.h"
#include "imgui.h"
#include "ui_internal.h"

namespace figscope::app {

//-----------------------------------------------------------------------------
// [SECTION] Order
//-----------------------------------------------------------------------------

static const std::string& first_organism(const FigureIndex& index, const Figure& fig) {
    static const std::string none;
    for (OrganismId o : fig.facet_organisms)
        if (o < index.organisms().size()) return index.organisms()[o];
    return none;
}

static int compare_ci(const std::string& a, const std::string& b) {
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x + 32);
        if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y + 32);
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

void figures_update_order(App& app) {
    FiguresState& fs = app.figures;
    if (fs.order_generation == app.sel.generation && !fs.sort_dirty) return;
    fs.order = app.sel.result.figures;   // ascending FigureId: the tie-break of a stable sort
    fs.order_generation = app.sel.generation;
    fs.sort_dirty = false;
    const FigureIndex& ix = app.index;
    const size_t nf = ix.figure_count();
    fs.order.erase(std::remove_if(fs.order.begin(), fs.order.end(), [&](FigureId f) { return f >= nf; }), fs.order.end());
    const bool desc = fs.sort_descending;
    // Missing values (no title, no year, no journal) sort last in both directions.
    auto by_text = [&](auto key) {
        std::stable_sort(fs.order.begin(), fs.order.end(), [&](FigureId a, FigureId b) {
            const std::string& x = key(a);
            const std::string& y = key(b);
            if (x.empty() != y.empty()) return y.empty();
            const int c = compare_ci(x, y);
            return desc ? c > 0 : c < 0;
        });
    };
    switch (fs.sort_column) {
        case kColTitle: by_text([&](FigureId f) -> const std::string& { return ix.figure(f).record.figtitle; }); break;
        case kColJournal: by_text([&](FigureId f) -> const std::string& { return ix.figure(f).journal_name; }); break;
        case kColOrganism: by_text([&](FigureId f) -> const std::string& { return first_organism(ix, ix.figure(f)); }); break;
        case kColYear:
            std::stable_sort(fs.order.begin(), fs.order.end(), [&](FigureId a, FigureId b) {
                const int x = ix.figure(a).record.year, y = ix.figure(b).record.year;
                if ((x == 0) != (y == 0)) return y == 0;
                return desc ? x > y : x < y;
            });
            break;
        case kColGenes:
        default:
            std::stable_sort(fs.order.begin(), fs.order.end(), [&](FigureId a, FigureId b) {
                const size_t x = ix.figure_genes(a).size(), y = ix.figure_genes(b).size();
                return desc ? x > y : x < y;
            });
            break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Table
//-----------------------------------------------------------------------------

static void select_figure(App& app, FigureId f) {
    Action a = make_action(ActionType::SelectFigure);
    a.figure = f;
    push(app, a);
}

static std::string join_figids(const App& app) {
    std::string out;
    for (FigureId f : app.figures.order)
        if (f < app.index.figure_count()) { out += app.index.figure(f).record.figid; out += '\n'; }
    return out;
}

static std::string join_selection_genes(const App& app) {
    std::string out;
    for (const GeneCount& g : app.sel.frequencies)
        if (g.gene < app.index.gene_count()) { out += app.index.gene_symbol(g.gene); out += '\n'; }
    return out;
}

// Why nothing matches, and the one change most likely to help.
static void no_match_state(App& app) {
    const FilterState& f = app.filter;
    const QueryResult& r = app.sel.result;
    const char* hint = "Remove a gene, or widen the organism, year or text filter.";
    std::string buf;
    if (!r.unknown_terms.empty()) {
        buf = "\"" + r.unknown_terms[0] + "\" is not a gene in the loaded figures. Remove it, or check the spelling.";
        hint = buf.c_str();
    } else if (f.genes.size() >= 2 && f.mode == GeneMode::All) {
        hint = "No figure mentions all of these genes. Remove a gene, or switch to ANY.";
    } else if (!f.text.empty()) {
        hint = "No figure title or caption has these words. Clear the text filter.";
    } else if (!f.organisms.empty() || f.year_lo || f.year_hi) {
        hint = "Widen the organism or year filter.";
    }
    ui::empty_state("No figures match", hint);
    ImGui::Spacing();
    const float w = ImGui::CalcTextSize("Switch to ANY").x + ImGui::CalcTextSize("Clear filter").x + ui::em() * 3;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), (ImGui::GetContentRegionMax().x - w) * 0.5f));
    if (f.genes.size() >= 2 && f.mode == GeneMode::All) {
        if (ImGui::Button("Switch to ANY")) { Action a = make_action(ActionType::SetMode); a.mode = GeneMode::Any; push(app, a); }
        ImGui::SameLine();
    }
    if (ImGui::Button("Clear filter")) push(app, make_action(ActionType::ClearFilter));
}

void draw_figures_table(App& app) {
    FiguresState& fs = app.figures;
    const FigureIndex& ix = app.index;
    const float em = ui::em();

    ui::heading("Figures");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s shown", ui::thousands(fs.order.size()).c_str());
    if (!fs.order.empty()) {
        const float bw = ImGui::CalcTextSize("Copy IDs").x + ImGui::CalcTextSize("Copy genes").x +
                         ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - bw));
        ui::copy_button("copy_ids", join_figids(app), "Copy IDs");
        ImGui::SetItemTooltip("Copy the figure IDs of all %s figures shown (one per line)", ui::thousands(fs.order.size()).c_str());
        ImGui::SameLine();
        ui::copy_button("copy_genes", join_selection_genes(app), "Copy genes");
        ImGui::SetItemTooltip("Copy the %s gene symbols of the figures shown, most frequent first",
                              ui::thousands(app.sel.frequencies.size()).c_str());
    }

    if (app.figures_indexed == 0) {
        ui::empty_state("No figures loaded",
                        app.problems.empty()
                            ? "Open PFOCR records (.md), sidecars (-genes.tsv) or a snapshot (.figsnap)."
                            : "None of the files could be used: the Problems tab below says why. "
                              "Open PFOCR records (.md), sidecars (-genes.tsv) or a snapshot (.figsnap).");
        return;
    }
    if (fs.order.empty()) {
        no_match_state(app);
        return;
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_Hideable | ImGuiTableFlags_NoSavedSettings |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##figtable", kColCount, flags, ImVec2(0, 0))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // Title gets most of the width; journal and organism share the rest and shrink first.
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoHide, 2.6f, kColTitle);
    ImGui::TableSetupColumn("Year", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort |
                                        ImGuiTableColumnFlags_PreferSortDescending, em * 3.4f, kColYear);
    ImGui::TableSetupColumn("Genes", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending,
                            em * 4.0f, kColGenes);
    ImGui::TableSetupColumn("Journal", ImGuiTableColumnFlags_WidthStretch, 1.2f, kColJournal);
    ImGui::TableSetupColumn("Organism", ImGuiTableColumnFlags_WidthStretch, 1.1f, kColOrganism);
    ImGui::TableHeadersRow();

    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
        if (specs->SpecsDirty && specs->SpecsCount > 0) {
            fs.sort_column = int(specs->Specs[0].ColumnUserID);
            fs.sort_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
            fs.sort_dirty = true;
            figures_update_order(app);
        }
        specs->SpecsDirty = false;
    }

    // Keyboard: Up/Down move the selection while the table has focus.
    int sel_row = -1;
    if (fs.selected != kNoFigure) {
        auto it = std::find(fs.order.begin(), fs.order.end(), fs.selected);
        if (it != fs.order.end()) sel_row = int(it - fs.order.begin());
    }
    if (ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) && !ImGui::GetIO().WantTextInput) {
        int to = sel_row;
        if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) to = std::min(int(fs.order.size()) - 1, sel_row + 1);
        if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) to = std::max(0, sel_row - 1);
        if (to != sel_row && to >= 0) select_figure(app, fs.order[size_t(to)]);
    }

    ImGuiListClipper clipper;
    clipper.Begin(int(fs.order.size()));
    if (fs.scroll_to_selected && sel_row >= 0) clipper.IncludeItemByIndex(sel_row);
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const FigureId f = fs.order[size_t(row)];
            if (f >= ix.figure_count()) continue;
            const Figure& fig = ix.figure(f);
            const FigureRecord& r = fig.record;
            ImGui::TableNextRow();
            ImGui::PushID(int(f));
            ImGui::TableSetColumnIndex(kColTitle);
            const bool selected = f == fs.selected;
            const std::string& title = r.figtitle.empty() ? r.figid : r.figtitle;
            if (ImGui::Selectable(title.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) select_figure(app, f);
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayNormal) && ImGui::BeginTooltip()) {
                ImGui::PushTextWrapPos(em * 28);
                ImGui::TextUnformatted(title.c_str());
                ImGui::TextDisabled("%s", r.figid.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            if (selected && fs.scroll_to_selected) {
                ImGui::SetScrollHereY(0.5f);
                fs.scroll_to_selected = false;
            }
            ImGui::TableSetColumnIndex(kColYear);
            if (r.year) ImGui::Text("%d", r.year);
            else ImGui::TextDisabled("—");
            ImGui::TableSetColumnIndex(kColGenes);
            const size_t ng = ix.figure_genes(f).size();
            if (ng) ImGui::Text("%zu", ng);
            else ImGui::TextDisabled("0");
            ImGui::TableSetColumnIndex(kColJournal);
            ImGui::TextUnformatted(fig.journal_name.c_str());
            ImGui::TableSetColumnIndex(kColOrganism);
            const std::string& org = first_organism(ix, fig);
            if (fig.facet_organisms.size() > 1) ImGui::Text("%s +%zu", org.c_str(), fig.facet_organisms.size() - 1);
            else ImGui::TextUnformatted(org.c_str());
            ImGui::PopID();
        }
    }
    if (sel_row < 0) fs.scroll_to_selected = false;
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// [SECTION] Detail
//-----------------------------------------------------------------------------

static void section(const char* title, size_t count) {
    ImGui::Spacing();
    char buf[96];
    if (count != size_t(-1)) std::snprintf(buf, sizeof buf, "%s (%s)", title, ui::thousands(count).c_str());
    else std::snprintf(buf, sizeof buf, "%s", title);
    ImGui::SeparatorText(buf);
}

static void term_chip_list(const std::vector<RecordTerm>& terms, const char* id) {
    ImGui::PushID(id);
    bool first = true;
    for (size_t i = 0; i < terms.size(); ++i) {
        const RecordTerm& t = terms[i];
        const std::string& label = t.name.empty() ? t.word : t.name;
        if (label.empty()) continue;
        ui::flow_next(ui::chip_width(label.c_str(), false), first);
        first = false;
        ImGui::PushID(int(i));
        ui::chip(label.c_str(), ui::ChipKind::Plain);
        if (ImGui::BeginItemTooltip()) {
            ImGui::Text("%s", label.c_str());
            if (!t.word.empty() && t.word != label) ImGui::TextDisabled("Word in the figure: %s", t.word.c_str());
            if (!t.id.empty()) ImGui::TextDisabled("ID: %s", t.id.c_str());
            ImGui::EndTooltip();
        }
        ImGui::PopID();
    }
    ImGui::PopID();
}

static std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const std::string& s : v) {
        if (s.empty()) continue;
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

void draw_figure_detail(App& app) {
    const FigureIndex& ix = app.index;
    const FigureId f = app.figures.selected;
    if (f == kNoFigure || f >= ix.figure_count()) {
        ui::empty_state("No figure selected", "Click a row in the table to see its caption, genes and links.");
        return;
    }
    const float em = ui::em();
    const Figure& fig = ix.figure(f);
    const FigureRecord& r = fig.record;

    // Title, then where to see the figure itself.
    if (ImFont* hf = fonts::heading()) ImGui::PushFont(hf);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(r.figtitle.empty() ? r.figid.c_str() : r.figtitle.c_str());
    ImGui::PopTextWrapPos();
    if (fonts::heading()) ImGui::PopFont();

    const std::string pmc = ui::figure_url(r);
    const std::string doi = ui::doi_url(r.doi);
    if (!pmc.empty()) {
        ui::link("Open figure at PMC \u2197", pmc);
        ImGui::SameLine(0, em * 1.2f);
    }
    if (!doi.empty()) {
        ui::link("Paper (DOI) \u2197", doi);
        ImGui::SameLine(0, em * 1.2f);
    }
    {
        std::string meta;
        if (r.year) meta = std::to_string(r.year);
        if (!fig.journal_name.empty()) meta += (meta.empty() ? "" : " · ") + fig.journal_name;
        if (!meta.empty()) ImGui::TextDisabled("%s", meta.c_str());
        else ImGui::NewLine();
    }

    if (!r.caption.empty()) {
        section("Caption", size_t(-1));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(r.caption.c_str());
        ImGui::PopTextWrapPos();
    }

    // Genes: click adds to the filter; right-click for more.
    const auto genes = ix.figure_genes(f);
    section("Genes", genes.size());
    if (genes.empty()) {
        ui::text_muted("No genes were recognised in this figure%s.",
                       fig.genes_from == GenesFrom::None ? " (its genes file was not loaded)" : "");
    } else {
        std::string all;
        for (GeneId g : genes)
            if (g < ix.gene_count()) { all += ix.gene_symbol(g); all += '\n'; }
        ui::copy_button("copy_fig_genes", all, "Copy genes");
        ImGui::SameLine();
        ImGui::TextDisabled("click a gene to add it to the filter");
        bool first = true;
        for (GeneId g : genes) {
            if (g >= ix.gene_count()) continue;
            const std::string& sym = ix.gene_symbol(g);
            const bool in_filter = has_term(app.filter.genes, sym);
            ui::flow_next(ui::chip_width(sym.c_str(), false), first);
            first = false;
            if (ui::chip(sym.c_str(), in_filter ? ui::ChipKind::GeneInFilter : ui::ChipKind::Gene))
                push_gene(app, ActionType::AddGene, sym);
            ImGui::SetItemTooltip("%s · in %s figures\nClick: add to filter · right-click: more", sym.c_str(),
                                  ui::thousands(ix.postings(g).size()).c_str());
            if (ImGui::BeginPopupContextItem(sym.c_str())) {
                ImGui::TextDisabled("%s", sym.c_str());
                if (ImGui::MenuItem("Add to filter", nullptr, false, !in_filter)) push_gene(app, ActionType::AddGene, sym);
                if (ImGui::MenuItem("Exclude figures with it")) push_gene(app, ActionType::AddNotGene, sym);
                if (ImGui::MenuItem("Copy symbol")) ImGui::SetClipboardText(sym.c_str());
                ImGui::EndPopup();
            }
        }
    }

    if (!r.chemicals.empty()) {
        section("Chemicals", r.chemicals.size());
        term_chip_list(r.chemicals, "chem");
    }
    if (!r.diseases.empty()) {
        section("Diseases", r.diseases.size());
        term_chip_list(r.diseases, "dis");
    }

    section("Paper", size_t(-1));
    if (!r.papertitle.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(r.papertitle.c_str());
        ImGui::PopTextWrapPos();
    }
    if (!r.reftext.empty()) ui::text_muted("%s", r.reftext.c_str());

    section("Record", size_t(-1));
    std::vector<std::string> orgs;
    for (OrganismId o : fig.facet_organisms)
        if (o < ix.organisms().size()) orgs.push_back(ix.organisms()[o]);
    if (!orgs.empty()) {
        ui::field_label("Organisms");
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(join(orgs, ", ").c_str());
        ImGui::PopTextWrapPos();
    }
    if (!r.organisms_ner.empty()) {
        ui::field_label("In the text");
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(join(r.organisms_ner, ", ").c_str());
        ImGui::PopTextWrapPos();
        ImGui::SetItemTooltip("Organisms named in the paper (named-entity recognition)");
    }
    ui::field_label("Genes from");
    const char* from = genes_from_name(fig.genes_from);
    const char* why = fig.genes_from == GenesFrom::Inline     ? "the record's genes list"
                      : fig.genes_from == GenesFrom::Sidecar  ? "the figure's -genes.tsv file"
                      : fig.genes_from == GenesFrom::Keywords ? "the page's keywords (no genes list loaded)"
                                                              : "no source loaded";
    ImGui::Text("%s", from ? from : "?");
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", why);
    ui::field_label("Figure ID");
    ImGui::TextUnformatted(r.figid.c_str());
    ImGui::SameLine();
    ui::copy_button("copy_figid", r.figid, "Copy");
    if (!r.pmcid.empty()) {
        ui::field_label("PMCID");
        ImGui::TextUnformatted(r.pmcid.c_str());
    }
    if (!r.doi.empty()) {
        ui::field_label("DOI");
        ImGui::TextUnformatted(r.doi.c_str());
    }
    if (!r.number.empty()) {
        ui::field_label("Figure");
        ImGui::TextUnformatted(r.number.c_str());
    }
    ui::field_label("Loaded from");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", r.source_path.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
}

}  // namespace figscope::app
