/** @odoo-module **/
// A letter disposed down Diskominfo, one tour per demo user: the Kepala Dinas disposes it to
// the Kasi Aplikasi Informatika, who forwards it to the staff, who reports it done. The
// Python runner (tests/test_disposition_tour.py) checks the database between the tours.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const SUBJECT = "Surat Uji Tur Disposisi";

function openMyDispositions() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Dispositions app",
            trigger: ".o_app[data-menu-xmlid='eoffice_disposition.menu_root']",
            run: "click",
        },
        {
            content: "Open the disposition about the letter",
            trigger: `.o_list_view .o_data_row td.o_data_cell[name='letter_id']:contains('${SUBJECT}')`,
            run: "click",
        },
        {
            content: "Its form is open",
            trigger: ".o_form_view .o_field_widget[name='letter_id']",
        },
    ];
}

function pickPosition(name) {
    return [
        {
            content: `Search ${name}`,
            trigger: ".modal .o_field_widget[name='position_ids'] input",
            run: `edit ${name}`,
        },
        {
            content: `Pick ${name}`,
            trigger: `.modal .o_field_widget[name='position_ids'] .o-autocomplete--dropdown-item > a:contains('${name}')`,
            run: "click",
        },
        {
            content: "The position is chosen",
            trigger: `.modal .o_field_widget[name='position_ids'] .o_tag:contains('${name}')`,
        },
        {
            content: "Tick the first standard instruction",
            trigger: ".modal .o_field_widget[name='instruction_ids'] input[type='checkbox']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ];
}

registry.category("web_tour.tours").add("eoffice_disposition_tour_dispose", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Official Letters app",
            trigger: ".o_app[data-menu-xmlid='eoffice_letters.menu_root']",
            run: "click",
        },
        {
            content: "Open the letter waiting for the Kepala Dinas",
            trigger: `.o_list_view .o_data_row td.o_data_cell[name='name']:contains('${SUBJECT}')`,
            run: "click",
        },
        {
            content: "Dispose it",
            trigger: ".o_form_view button[name='action_dispose']",
            run: "click",
        },
        ...pickPosition("Kepala Seksi Aplikasi Informatika"),
        {
            content: "The disposition tree shows the Kasi",
            trigger: ".o_form_view .o_notebook .nav-link[name='dispositions']",
            run: "click",
        },
        {
            content: "with the branch unread",
            trigger: ".o_field_widget[name='disposition_branch_ids'] td[name='position_id']:contains('Kepala Seksi Aplikasi Informatika')",
        },
    ],
});

registry.category("web_tour.tours").add("eoffice_disposition_tour_forward", {
    url: "/odoo",
    steps: () => [
        ...openMyDispositions(),
        {
            content: "Forward it",
            trigger: ".o_form_view button[name='action_open_forward']",
            run: "click",
        },
        ...pickPosition("Pelaksana Bidang Aplikasi Informatika"),
        {
            content: "The branch is forwarded",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='forwarded']",
        },
    ],
});

registry.category("web_tour.tours").add("eoffice_disposition_tour_done", {
    url: "/odoo",
    steps: () => [
        ...openMyDispositions(),
        {
            content: "Report it done",
            trigger: ".o_form_view button[name='action_open_done']",
            run: "click",
        },
        {
            content: "Write the follow-up report",
            trigger: ".modal .o_field_widget[name='report'] textarea",
            run: "edit Data jaringan sudah dihimpun dan dikirim.",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The disposition is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
    ],
});
