/** @odoo-module **/
// Smoke tour: the four e-Office apps open from the home menu and show their first view.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function openApp(xmlid, menuName) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: `Open the ${xmlid} app`,
            trigger: `.o_app[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
        {
            content: `The ${xmlid} app shows its menu`,
            trigger: `.o_main_navbar .o_menu_sections:contains('${menuName}')`,
        },
    ];
}

registry.category("web_tour.tours").add("eoffice_smoke_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp("eoffice_skpd.menu_root", "Organisasi"),
        {
            content: "Positions list is shown",
            trigger: ".o_list_view .o_data_row",
        },
        ...openApp("eoffice_letters.menu_root", "Konfigurasi"),
        ...openApp("eoffice_disposition.menu_root", "Konfigurasi"),
        ...openApp("eoffice_budget.menu_root", "Konfigurasi"),
    ],
});
