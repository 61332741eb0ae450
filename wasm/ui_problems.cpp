// ui_problems.cpp - the Problems panel: every file or line that could not be used, as
// "path:line: reason", with a search box and copy. The app keeps all good data loaded; this
// panel is where the rest is accounted for.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui_internal.h"

namespace figscope::app {

namespace {
struct ProblemsView {
    std::string search;
    std::string filtered_for;
    size_t filtered_size = ~size_t(0);
    std::vector<uint32_t> rows;   // indices into problems.items matching search
};
}  // namespace

void draw_problems_panel(App& app) {
    static ProblemsView view;   // UI-only state of the one Problems panel
    const auto& items = app.problems.items;
    const float em = ui::em();
    if (items.empty()) {
        ui::empty_state("No problems", "Every file loaded so far was read completely.");
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s problem%s.", ui::thousands(items.size()).c_str(), items.size() == 1 ? "" : "s");
    ImGui::SameLine();
    ImGui::TextDisabled("Everything else is loaded and searchable.");
    ImGui::SameLine();
    std::string all;
    if (ImGui::GetContentRegionAvail().x > em * 14) {
        ImGui::SetNextItemWidth(std::min(em * 12, ImGui::GetContentRegionAvail().x - em * 5));
        ImGui::InputTextWithHint("##psearch", "Search problems", &view.search);
        ImGui::SameLine();
    }
    if (ImGui::SmallButton("Copy all")) {
        for (const Problem& p : items) { all += p.to_string(); all += '\n'; }
        ImGui::SetClipboardText(all.c_str());
    }

    if (view.filtered_for != view.search || view.filtered_size != items.size()) {
        view.rows.clear();
        for (size_t i = 0; i < items.size(); ++i)
            if (view.search.empty() || ui::contains_ci(items[i].to_string(), view.search)) view.rows.push_back(uint32_t(i));
        view.filtered_for = view.search;
        view.filtered_size = items.size();
    }

    if (!ImGui::BeginChild("##plist", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_HorizontalScrollbar)) {
        ImGui::EndChild();
        return;
    }
    ImGuiListClipper clipper;
    clipper.Begin(int(view.rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const size_t i = view.rows[size_t(r)];
            if (i >= items.size()) continue;
            const Problem& p = items[i];
            ImGui::PushID(int(i));
            char loc[32];
            std::snprintf(loc, sizeof loc, ":%d:", p.line);
            ImGui::PushStyleColor(ImGuiCol_Text, ui::kMutedV);
            ImGui::TextUnformatted(p.path.c_str());
            ImGui::SameLine(0, 0);
            ImGui::TextUnformatted(loc);
            ImGui::PopStyleColor();
            ImGui::SameLine(0, em * 0.4f);
            ImGui::TextUnformatted(p.message.c_str());
            if (ImGui::BeginItemTooltip()) {   // long reasons run past the panel: the whole line, wrapped
                ImGui::PushTextWrapPos(em * 36);
                ImGui::TextUnformatted(p.to_string().c_str());
                ImGui::TextDisabled("Right-click to copy");
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            if (ImGui::BeginPopupContextItem("##pctx")) {
                if (ImGui::MenuItem("Copy")) ImGui::SetClipboardText(p.to_string().c_str());
                ImGui::EndPopup();
            }
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

}  // namespace figscope::app
