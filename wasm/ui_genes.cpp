// ui_genes.cpp - the Genes panel: how many selected figures mention each gene, as bars.
//
// The list is app.sel.frequencies (core gene_frequencies over the selection, computed once per
// selection change in refresh()); rows are virtualised with ImGuiListClipper. Click a row to
// add the gene to the filter; right-click to exclude or copy it.
#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "ui_internal.h"

namespace figscope::app {

void draw_genes_panel(App& app) {
    const FigureIndex& ix = app.index;
    const std::vector<GeneCount>& freq = app.sel.frequencies;
    const float em = ui::em();
    const size_t nsel = app.sel.valid ? app.sel.result.figures.size() : 0;

    ui::heading("Genes");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("in %s figures · %s genes", ui::thousands(nsel).c_str(), ui::thousands(freq.size()).c_str());
    if (freq.empty()) {
        if (app.figures_indexed == 0) ui::empty_state("No figures loaded", nullptr);
        else ui::empty_state(nsel ? "No genes in these figures" : "No figures selected",
                             nsel ? "The selected figures have no recognised genes." : "Widen the filter to see gene counts.");
        return;
    }
    ui::text_muted("Click a gene to add it to the filter.");

    if (!ImGui::BeginChild("##genelist", ImVec2(0, 0), ImGuiChildFlags_None)) {
        ImGui::EndChild();
        return;
    }
    const float row_h = ImGui::GetTextLineHeight() + em * 0.3f;
    const float width = ImGui::GetContentRegionAvail().x;
    // Column widths: symbol | bar | count. Symbols longer than the column are clipped.
    const float sym_w = std::clamp(width * 0.34f, em * 4.5f, em * 9.0f);
    const float count_w = ImGui::CalcTextSize("00000 · 100%").x;
    const float bar_x = sym_w + em * 0.4f;
    const float bar_w = std::max(em, width - bar_x - count_w - em * 0.6f);
    const float maxc = float(std::max<uint32_t>(1, freq[0].figures));
    ImDrawList* dl = ImGui::GetWindowDrawList();

    ImGuiListClipper clipper;
    clipper.Begin(int(freq.size()), row_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const GeneCount& gc = freq[size_t(i)];
            if (gc.gene >= ix.gene_count()) {
                ImGui::Dummy(ImVec2(width, row_h));
                continue;
            }
            const std::string& sym = ix.gene_symbol(gc.gene);
            const bool in_filter = has_term(app.filter.genes, sym);
            ImGui::PushID(i);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const bool clicked = ImGui::InvisibleButton("##row", ImVec2(width, row_h));
            const bool hovered = ImGui::IsItemHovered();
            if (clicked) push_gene(app, ActionType::AddGene, sym);
            if (ImGui::BeginPopupContextItem("##ctx")) {
                ImGui::TextDisabled("%s", sym.c_str());
                if (ImGui::MenuItem("Add to filter", nullptr, false, !in_filter)) push_gene(app, ActionType::AddGene, sym);
                if (ImGui::MenuItem("Exclude figures with it")) push_gene(app, ActionType::AddNotGene, sym);
                if (ImGui::MenuItem("Copy symbol")) ImGui::SetClipboardText(sym.c_str());
                ImGui::EndPopup();
            }
            if (hovered) {
                ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                ImGui::SetTooltip("%s: %s of %s selected figures (%.1f%%)\nIn %s figures overall\n%s", sym.c_str(),
                                  ui::thousands(gc.figures).c_str(), ui::thousands(nsel).c_str(),
                                  nsel ? 100.0 * gc.figures / double(nsel) : 0.0,
                                  ui::thousands(ix.postings(gc.gene).size()).c_str(),
                                  in_filter ? "In the filter" : "Click: add to filter · right-click: more");
                dl->AddRectFilled(p, ImVec2(p.x + width, p.y + row_h), ImGui::GetColorU32(ImGuiCol_HeaderHovered),
                                  em * 0.2f);
            }
            const float ty = p.y + (row_h - ImGui::GetTextLineHeight()) * 0.5f;
            const ImU32 text_col = in_filter ? ui::kAccent : ImGui::GetColorU32(ImGuiCol_Text);
            dl->PushClipRect(p, ImVec2(p.x + sym_w, p.y + row_h), true);
            dl->AddText(ImVec2(p.x + em * 0.2f, ty), text_col, sym.c_str());
            dl->PopClipRect();
            const float bw = bar_w * float(gc.figures) / maxc;
            const float by0 = p.y + row_h * 0.2f, by1 = p.y + row_h * 0.8f;
            dl->AddRectFilled(ImVec2(p.x + bar_x, by0), ImVec2(p.x + bar_x + bar_w, by1), IM_COL32(60, 80, 120, 18), em * 0.15f);
            dl->AddRectFilled(ImVec2(p.x + bar_x, by0), ImVec2(p.x + bar_x + std::max(1.0f, bw), by1),
                              in_filter ? ui::kAccent : IM_COL32(96, 140, 230, 255), em * 0.15f);
            char buf[48];
            if (nsel) std::snprintf(buf, sizeof buf, "%u · %.0f%%", gc.figures, 100.0 * gc.figures / double(nsel));
            else std::snprintf(buf, sizeof buf, "%u", gc.figures);
            const float cw = ImGui::CalcTextSize(buf).x;
            dl->AddText(ImVec2(p.x + width - cw - em * 0.2f, ty), ui::kMuted, buf);
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

}  // namespace figscope::app
