/** @odoo-module **/
// The Diskominfo budget operator records a committed posting (SPM) against a line of the 2026
// DPA. The Python runner (tests/test_budget_execution_tour.py) checks the database.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("eoffice_budget_tour_post_realization", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Budget app",
            trigger: ".o_app[data-menu-xmlid='eoffice_budget.menu_root']",
            run: "click",
        },
        {
            content: "Open Execution",
            trigger: ".o_menu_sections button[data-menu-xmlid='eoffice_budget.menu_execution']",
            run: "click",
        },
        {
            content: "Open Realisation",
            trigger: ".dropdown-item[data-menu-xmlid='eoffice_budget.eoffice_budget_realization_menu']",
            run: "click",
        },
        {
            // the app opens on the RKA list, which has a New button too: wait for Realisasi to load
            content: "The Realisation list is shown",
            trigger: ".o_breadcrumb .active:contains('Realisasi')",
        },
        {
            content: "New posting",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the DPA line",
            trigger: ".o_form_view .o_field_widget[name='line_id'] input",
            run: "edit Tinta Printer",
        },
        {
            content: "Pick the printer ink line",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tinta Printer')",
            run: "click",
        },
        {
            content: "Amount",
            trigger: ".o_form_view .o_field_widget[name='amount'] input",
            run: "edit 50000",
        },
        {
            content: "SPM number",
            trigger: ".o_form_view .o_field_widget[name='spm_number'] input",
            run: "edit SPM-TUR/2026",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The posting is saved as committed",
            trigger: ".o_form_view .o_form_saved .o_statusbar_status button.o_arrow_button_current[data-value='committed'], .o_form_saved .o_statusbar_status button.o_arrow_button_current[data-value='committed']",
        },
    ],
});
