/** @odoo-module **/
// The Diskominfo budget operator adds a detail line to a sub kegiatan of the 2027 RKA and
// submits it to TAPD. The Python runner (tests/test_budget_tour.py) checks the database.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("eoffice_budget_tour_draft_submit", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Budget app",
            trigger: ".o_app[data-menu-xmlid='eoffice_budget.menu_root']",
            run: "click",
        },
        {
            content: "Open the 2027 RKA of Diskominfo",
            trigger: ".o_list_view .o_data_row td.o_data_cell[name='name']:contains('2027 Dinas Komunikasi')",
            run: "click",
        },
        {
            content: "Open the sub kegiatan Penyediaan Bahan Logistik Kantor",
            trigger: ".o_field_widget[name='sub_kegiatan_ids'] .o_data_row td:contains('2.16.01.2.06.0004')",
            run: "click",
        },
        {
            content: "Add a detail line",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose the account",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_selected_row .o_field_widget[name='account_id'] input",
            run: "edit 5.1.02.01.01.0024",
        },
        {
            content: "Pick the ATK account",
            trigger: ".o-autocomplete--dropdown-item > a:contains('5.1.02.01.01.0024')",
            run: "click",
        },
        {
            content: "Choose the item from the price standard",
            trigger: ".modal .o_selected_row .o_field_widget[name='item_id'] input",
            run: "edit Map Plastik",
        },
        {
            content: "Pick the item",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Map Plastik')",
            run: "click",
        },
        {
            content: "The unit price comes from the standard",
            trigger: ".modal .o_selected_row .o_field_widget[name='unit_price'] input:value(5.000)",
        },
        {
            content: "Set the volume",
            trigger: ".modal .o_selected_row .o_field_widget[name='vol1'] input",
            run: "edit 120",
        },
        {
            content: "Save the sub kegiatan",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Save the plan",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit to TAPD",
            trigger: ".o_form_statusbar button[name='action_submit']",
            run: "click",
        },
        {
            content: "The RKA is submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='submitted']",
        },
    ],
});
