/** @odoo-module **/
// The Bupati opens the control room: the figures per SKPD, then the graph, then the rows.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("eoffice_control_room_tour", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Control Room",
            trigger: ".o_app[data-menu-xmlid='eoffice_skpd.menu_control_room']",
            run: "click",
        },
        {
            // the app may open on the Ruang Kendali dashboard (eoffice_dashboard): the detail is beside it
            content: "Open the letters and dispositions",
            trigger: ".o_menu_sections [data-menu-xmlid='eoffice_disposition.eoffice_control_room_menu']",
            timeout: 60000, // the dashboard's spreadsheet bundle loads on demand
            run: "click",
        },
        {
            content: "The pivot shows the SKPD of Diskominfo",
            trigger: ".o_pivot th:contains('Komunikasi')",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
        {
            content: "Switch to the rows",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Rows are listed",
            trigger: ".o_list_view .o_data_row",
        },
    ],
});
