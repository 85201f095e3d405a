/** @odoo-module **/
// The outgoing letter's whole journey in the web client, one tour per demo user:
// the staff of Dinas Kominfo drafts and submits it, the Kasi reviews (paraf), the Kepala
// Dinas signs and sends it, and the Kepala Dinas Kesehatan reads the copy he received.
// The Python runner (tests/test_letters_tour.py) runs them in order and checks the
// database between them. Selectors use technical names: the demo users work in Indonesian.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const SUBJECT = "Undangan Uji Tur Naskah Dinas";

// Awaiting Me, the app's first menu, is the only list of the app with a default filter:
// its facet tells which of the app's lists is on screen, so a step never acts on a list
// that a menu click is about to replace.
const AWAITING_ME_LOADED = ".o_control_panel .o_searchview_facet";
const OTHER_LIST_LOADED = ".o_control_panel .o_searchview:not(:has(.o_searchview_facet))";

function openApp() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Official Letters app",
            trigger: ".o_app[data-menu-xmlid='eoffice_letters.menu_root']",
            run: "click",
        },
        {
            content: "The app opens on Awaiting Me",
            trigger: AWAITING_ME_LOADED,
        },
    ];
}

function openMenu(menuXmlid, loaded) {
    return [
        {
            content: `Open the menu ${menuXmlid}`,
            trigger: `.o_menu_sections [data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
        {
            content: "Its list is loaded",
            trigger: loaded,
        },
    ];
}

function openAwaitingMe() {
    // leave Awaiting Me first, so that coming back to it is seen to have happened
    return [
        ...openApp(),
        ...openMenu("eoffice_letters.eoffice_letter_menu_incoming", OTHER_LIST_LOADED),
        ...openMenu("eoffice_letters.eoffice_letter_menu_todo", AWAITING_ME_LOADED),
    ];
}

function openLetter() {
    return [
        {
            content: "Open the letter",
            trigger: `.o_list_view .o_data_row td.o_data_cell[name='name']:contains('${SUBJECT}')`,
            run: "click",
        },
        {
            content: "Its form is open",
            trigger: `.o_breadcrumb:contains('${SUBJECT}')`,
        },
    ];
}

function currentState(state) {
    return {
        content: `The letter is now in state ${state}`,
        trigger: `.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='${state}']`,
    };
}

registry.category("web_tour.tours").add("eoffice_letters_tour_draft", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("eoffice_letters.eoffice_letter_menu_outgoing", OTHER_LIST_LOADED),
        {
            content: "Start a new letter",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Type the subject",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: `edit ${SUBJECT}`,
        },
        {
            content: "Search the archive classification",
            trigger: ".o_form_view .o_field_widget[name='classification_id'] input",
            run: "edit 000.5",
        },
        {
            content: "Pick 000.5 Undangan",
            trigger:
                ".o_field_widget[name='classification_id'] .o-autocomplete--dropdown-item > a:contains('000.5'):contains('Undangan')",
            run: "click",
        },
        {
            content: "The classification is set",
            trigger: ".o_field_widget[name='classification_id'] input:value('000.5 Undangan')",
        },
        {
            content: "The SKPD's route proposes the Kepala Dinas as signer",
            trigger:
                ".o_field_widget[name='signer_position_id'] input:value('Kepala Dinas Komunikasi dan Informatika')",
        },
        {
            content: "Open the review tab",
            trigger: ".o_form_view .o_notebook .nav-link[name='review']",
            run: "click",
        },
        {
            content: "and the Kasi Aplikasi Informatika as reviewer",
            trigger:
                ".o_field_widget[name='review_ids'] .o_data_row td[name='position_id']:contains('Kepala Seksi Aplikasi Informatika')",
        },
        {
            content: "Back to the recipients tab",
            trigger: ".o_form_view .o_notebook .nav-link[name='recipients']",
            run: "click",
        },
        {
            content: "Add an addressee",
            trigger: ".o_field_widget[name='to_recipient_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Search a seat of another SKPD in the address book",
            trigger:
                ".o_field_widget[name='to_recipient_ids'] .o_selected_row .o_field_widget[name='position_id'] input",
            run: "edit Kepala Dinas Kesehatan",
        },
        {
            content: "Pick the Kepala Dinas Kesehatan",
            trigger:
                ".o_field_widget[name='position_id'] .o-autocomplete--dropdown-item > a:contains('Kepala Dinas Kesehatan')",
            run: "click",
        },
        {
            content: "The addressee is set",
            trigger:
                ".o_field_widget[name='to_recipient_ids'] .o_field_widget[name='position_id'] input:value('Kepala Dinas Kesehatan')",
        },
        {
            content: "Open the body tab",
            trigger: ".o_form_view .o_notebook .nav-link[name='body']",
            run: "click",
        },
        {
            // the click makes the editor create its first paragraph
            content: "Click into the body",
            trigger: ".o_field_widget[name='body'] .odoo-editor-editable",
            run: "click",
        },
        {
            content: "Write the body",
            trigger: ".o_field_widget[name='body'] .odoo-editor-editable :is(p, div.o-paragraph)",
            run: "editor Dengan hormat, kami mengundang Bapak/Ibu pada rapat koordinasi uji tur.",
        },
        ...stepUtils.saveForm(),
        {
            content: "Submit it for review",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_submit']",
            run: "click",
        },
        currentState("review"),
    ],
});

registry.category("web_tour.tours").add("eoffice_letters_tour_review", {
    url: "/odoo",
    steps: () => [
        ...openAwaitingMe(),
        ...openLetter(),
        {
            content: "Approve (paraf)",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_approve']",
            run: "click",
        },
        currentState("to_sign"),
        {
            content: "Nothing more to approve",
            trigger: ".o_form_view .o_statusbar_buttons:not(:has(button[name='action_approve']))",
        },
    ],
});

registry.category("web_tour.tours").add("eoffice_letters_tour_sign", {
    url: "/odoo",
    steps: () => [
        ...openAwaitingMe(),
        ...openLetter(),
        {
            content: "Sign",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_sign']",
            run: "click",
        },
        currentState("signed"),
        {
            content: "The letter got its number",
            trigger: ".o_form_view .o_field_widget[name='number']:contains('000.5/')",
        },
        {
            content: "Send it",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_send']",
            run: "click",
        },
        currentState("sent"),
    ],
});

registry.category("web_tour.tours").add("eoffice_letters_tour_read", {
    url: "/odoo",
    steps: () => [
        ...openAwaitingMe(),
        ...openLetter(),
        {
            content: "It came with an agenda number",
            trigger: ".o_form_view .o_field_widget[name='agenda_number']:contains('/')",
        },
        {
            content: "Mark it as read",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_mark_read']",
            run: "click",
        },
        currentState("read"),
        {
            content: "The read receipt is shown",
            trigger: ".o_form_view .o_field_widget[name='read_by_id']",
        },
    ],
});
