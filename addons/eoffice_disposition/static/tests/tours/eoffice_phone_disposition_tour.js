/** @odoo-module **/
// My Dispositions on a phone (390×844, touch): the Kasi of Dinas Kominfo opens the Dispositions app from
// the burger menu, finds the demo disposition of the registered letter as a card, opens it and reports
// it done with the button shown above the form (on a phone Odoo puts the header's buttons in the gear
// menu). The Python runner (tests/test_phone_tour.py) checks the branch's state afterwards.
import { registry } from "@web/core/registry";

const SUBJECT = "Permohonan Narasumber Literasi Digital";
const DONE = ".o_form_view .o_eoffice_mobile_actions button[name='action_open_done']";

registry.category("web_tour.tours").add("eoffice_phone_disposition_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "A phone-sized screen: the navbar has the burger toggle",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "Show every app",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            content: "Open Dispositions",
            trigger: ".o_app_menu_sidebar .o_app[data-menu-xmlid='eoffice_disposition.menu_root']",
            run: "click",
        },
        {
            content: "My Dispositions opens as cards: the letter, its status and the deadline",
            trigger: `.o_kanban_view .o_kanban_record:contains('${SUBJECT}'):has(.o_field_widget[name='state'] .badge):has(.o_eoffice_deadline)`,
        },
        {
            content: "No list view on the phone",
            trigger: ".o_action_manager:not(:has(.o_list_view))",
        },
        {
            content: "Open the disposition",
            trigger: `.o_kanban_record:contains('${SUBJECT}')`,
            run: "click",
        },
        {
            content: "Report Done is a button on the first screen, not in the gear menu",
            trigger: DONE,
            run() {
                const box = document.querySelector(DONE).getBoundingClientRect();
                if (box.top < 0 || box.bottom > window.innerHeight) {
                    throw new Error(`Report Done is off the first screen (${box.top}..${box.bottom})`);
                }
            },
        },
        {
            content: "Tap Report Done",
            trigger: DONE,
            run: "click",
        },
        {
            content: "Write what was done",
            trigger: ".modal .o_field_widget[name='report'] textarea",
            run: "edit Narasumber disiapkan dari Seksi Aplikasi Informatika.",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The disposition is done",
            trigger: ".o_form_view .o_statusbar_status:has(button.o_arrow_button_current[data-value='done'])",
        },
    ],
});
