/** @odoo-module **/
// The inbox on a phone (390×844, touch): the Kasi of Dinas Kominfo opens Official Letters from the
// burger menu, finds the demo draft awaiting her paraf as a card, opens it and approves it with the
// button shown above the form (on a phone Odoo puts the header's buttons in the gear menu).
// The Python runner (tests/test_phone_tour.py) checks the letter's state afterwards.
import { registry } from "@web/core/registry";

const SUBJECT = "Permohonan Data Jaringan Internet Kantor Kecamatan";

function inFirstScreen(selector) {
    const el = document.querySelector(selector);
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.top < 0 || box.bottom > window.innerHeight) {
        throw new Error(`${selector} is not on the first screen (${box.top}..${box.bottom} of ${window.innerHeight})`);
    }
}

registry.category("web_tour.tours").add("eoffice_phone_paraf_tour", {
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
            content: "Open Official Letters",
            trigger: ".o_app_menu_sidebar .o_app[data-menu-xmlid='eoffice_letters.menu_root']",
            run: "click",
        },
        {
            content: "Awaiting Me opens as cards, not as the desktop table",
            trigger: `.o_kanban_view .o_kanban_record:contains('${SUBJECT}')`,
        },
        {
            content: "The card shows the addressee and the status",
            trigger: `.o_kanban_record:contains('${SUBJECT}'):contains('Kecamatan') .o_field_widget[name='state'] .badge`,
        },
        {
            content: "No list view on the phone",
            trigger: ".o_action_manager:not(:has(.o_list_view))",
        },
        {
            content: "Open the letter",
            trigger: `.o_kanban_record:contains('${SUBJECT}')`,
            run: "click",
        },
        {
            content: "The form is open",
            trigger: `.o_form_view .o_field_widget[name='name']:contains('${SUBJECT}')`,
        },
        {
            content: "The form names the seat whose paraf it waits for",
            trigger: ".o_form_view .o_field_widget[name='current_review_id']:contains('Kepala Seksi Aplikasi Informatika')",
        },
        {
            content: "Paraf is a button on the first screen, not in the gear menu",
            trigger: ".o_form_view .o_eoffice_mobile_actions button[name='action_approve']",
            run() {
                inFirstScreen(".o_form_view .o_eoffice_mobile_actions button[name='action_approve']");
            },
        },
        {
            content: "Tap Paraf",
            trigger: ".o_form_view .o_eoffice_mobile_actions button[name='action_approve']",
            run: "click",
        },
        {
            // on a narrow screen the status bar may show the current state as a dropdown, the inline
            // buttons hidden: the status bar itself is what is on screen
            content: "The letter moves on to its signer",
            trigger: ".o_form_view .o_statusbar_status:has(button.o_arrow_button_current[data-value='to_sign'])",
        },
        {
            content: "Paraf is done: its button is gone",
            trigger: ".o_form_view .o_eoffice_mobile_actions:not(:has(button[name='action_approve']))",
        },
    ],
});
