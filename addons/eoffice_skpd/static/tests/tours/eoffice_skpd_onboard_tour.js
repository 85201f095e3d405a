/** @odoo-module **/
// The Pemda administrator onboards a new SKPD from the Organisation app.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("eoffice_skpd_onboard_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        { trigger: ".o_app[data-menu-xmlid='eoffice_skpd.menu_root']", run: "click" },
        { trigger: ".o_menu_sections [data-menu-xmlid='eoffice_skpd.menu_configuration']", run: "click" },
        { trigger: ".dropdown-item[data-menu-xmlid='eoffice_skpd.eoffice_skpd_onboard_menu']", run: "click" },
        { trigger: ".modal div[name='name'] input", run: "edit Dinas Pendidikan Uji" },
        { trigger: ".modal div[name='skpd_code'] input", run: "edit 1.01.0.00.0.00.99.0000" },
        { trigger: ".modal div[name='skpd_short_code'] input", run: "edit DISDIK-UJI" },
        { trigger: ".modal div[name='head_name'] input", run: "edit Bambang Wijaya" },
        { trigger: ".modal div[name='head_nip'] input", run: "edit 197205172000031002" },
        { trigger: ".modal div[name='head_login'] input", run: "edit kadis.disdik.uji" },
        { trigger: ".modal div[name='agendaris_name'] input", run: "edit Sri Lestari" },
        { trigger: ".modal div[name='agendaris_nip'] input", run: "edit 199003122015032001" },
        { trigger: ".modal div[name='agendaris_login'] input", run: "edit tu.disdik.uji" },
        { trigger: ".modal div[name='head_title'] input:value('Kepala Dinas Pendidikan Uji')" },
        { trigger: ".modal button[name='action_onboard']", run: "click" },
        {
            content: "The new SKPD's form is open",
            trigger: ".o_breadcrumb:contains('Dinas Pendidikan Uji')",
        },
    ],
});
