/** @odoo-module **/
// Smoke tour: the four e-Office apps open from the home menu and show their first view.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The app is recognised by its name in the navbar brand: a section name is not a
// reliable mark, because Odoo moves the sections that do not fit the window into
// the "+" overflow menu (the letters app has nine), and where the cut falls depends
// on font metrics.
function openApp(xmlid, appName) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: `Open the ${xmlid} app`,
            trigger: `.o_app[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
        {
            content: `The ${xmlid} app is open`,
            trigger: `.o_main_navbar .o_menu_brand:contains('${appName}')`,
        },
        {
            content: `The ${xmlid} app shows its menu`,
            trigger: ".o_main_navbar .o_menu_sections .o_nav_entry, .o_main_navbar .o_menu_sections .dropdown-toggle",
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
        ...openApp("eoffice_letters.menu_root", "Naskah Dinas"),
        ...openApp("eoffice_disposition.menu_root", "Disposisi"),
        ...openApp("eoffice_budget.menu_root", "Anggaran"),
    ],
});
