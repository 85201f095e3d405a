/** @odoo-module **/
// BPKAD logs in and lands on the DPA list: without touching the company switcher, it lists the
// DPA of several SKPD (its home company alone would show only BPKAD's own).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("eoffice_budget_default_companies_tour", {
    steps: () => [
        {
            content: "BPKAD lands on the DPA list",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "It lists the DPA of Diskominfo",
            trigger: ".o_list_view .o_data_row td:contains('Komunikasi')",
        },
        {
            content: "and of the Dinas Kesehatan",
            trigger: ".o_list_view .o_data_row td:contains('Kesehatan')",
        },
    ],
});
