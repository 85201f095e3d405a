/** @odoo-module **/
// The incoming register in the web client, as the TU of Dinas Kominfo:
// - opening a new incoming letter and leaving it (browser back, then a page load) saves nothing;
// - registering one letter from a scan generated here (a canvas printed like a paper letter):
//   one upload, Read Scan (OCR) fills the sender, number and date and says so, Register.
// The Python runner (tests/test_incoming_tour.py) checks the database after each tour.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const INCOMING_MENU = "eoffice_letters.eoffice_letter_menu_incoming";

function openIncoming() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Official Letters app",
            trigger: ".o_app[data-menu-xmlid='eoffice_letters.menu_root']",
            run: "click",
        },
        {
            content: "Open Incoming Letters",
            trigger: `.o_menu_sections [data-menu-xmlid='${INCOMING_MENU}']`,
            run: "click",
        },
        {
            content: "The incoming list is loaded",
            trigger: ".o_breadcrumb .active:contains('Surat Masuk')",
        },
    ];
}

function newIncoming() {
    return [
        {
            content: "Register a new incoming letter",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The new form is open, with its one upload control",
            trigger: ".o_form_view .o_form_editable .o_field_widget[name='scan_page_ids']",
        },
    ];
}

/** A scanned page: the letter printed on an A4 canvas at 150 dpi, as PNG. */
async function scannedPage() {
    const canvas = document.createElement("canvas");
    canvas.width = 1240;
    canvas.height = 1754;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = "black";
    ctx.textBaseline = "top";
    const centered = (text, font, y) => {
        ctx.font = font;
        ctx.fillText(text, (canvas.width - ctx.measureText(text).width) / 2, y);
    };
    centered("PEMERINTAH KABUPATEN PASER", "bold 40px sans-serif", 90);
    centered("BADAN PENDAPATAN DAERAH", "bold 46px sans-serif", 145);
    centered("Jalan Kusuma Bangsa Nomor 5 Tanah Grogot", "28px sans-serif", 210);
    ctx.fillRect(110, 260, canvas.width - 220, 5);
    const lines = [
        [330, "Nomor", ": 973/412/Bapenda-III/2026"],
        [380, "Sifat", ": Biasa"],
        [430, "Lampiran", ": -"],
        [480, "Hal", ": Uji Tur Surat Masuk"],
    ];
    ctx.font = "30px sans-serif";
    ctx.fillText("Paser, 9 November 2026", 760, 290);
    for (const [y, label, value] of lines) {
        ctx.fillText(label, 110, y);
        ctx.fillText(value, 300, y);
    }
    ctx.fillText("Dengan hormat, bersama ini kami sampaikan undangan.", 170, 600);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

registry.category("web_tour.tours").add("eoffice_incoming_tour_leave_new", {
    url: "/odoo",
    steps: () => [
        ...openIncoming(),
        ...newIncoming(),
        {
            content: "Leave it with the browser's back button",
            trigger: ".o_form_view .o_form_editable",
            run() {
                history.back();
            },
        },
        {
            content: "Back on the incoming list",
            trigger: ".o_list_view .o_list_button_add",
        },
        ...newIncoming(),
        {
            content: "Leave it by loading another page",
            trigger: ".o_form_view .o_form_editable",
            run() {
                window.location.assign("/odoo");
            },
            expectUnloadPage: true,
        },
        {
            content: "The web client is loaded again",
            trigger: ".o_main_navbar",
        },
        ...openIncoming(),
        ...newIncoming(),
        {
            content: "Leave it through the menu",
            trigger: `.o_menu_sections [data-menu-xmlid='${INCOMING_MENU}']`,
            run: "click",
        },
        {
            content: "Back on the incoming list",
            trigger: ".o_list_view .o_list_button_add",
        },
    ],
});

registry.category("web_tour.tours").add("eoffice_incoming_tour_register", {
    url: "/odoo",
    steps: () => [
        ...openIncoming(),
        ...newIncoming(),
        {
            content: "Upload the scanned page",
            trigger: ".o_field_widget[name='scan_page_ids'] input[type='file']:not(:visible)",
            async run() {
                const file = new File([await scannedPage()], "halaman-1.png", { type: "image/png" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                const input = this.anchor;
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The page is uploaded",
            trigger: ".o_field_widget[name='scan_page_ids'] .o_attachment:contains('halaman-1')",
        },
        {
            content: "Read the scan (OCR)",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_read_scan']",
            run: "click",
        },
        {
            content: "A message names the fields OCR filled",
            trigger: ".o_notification:contains('OCR mengisi'):contains('Pengirim'):contains('Nomor Surat Pengirim')",
            timeout: 60000,
        },
        {
            content: "The sender's number is filled",
            trigger: ".o_field_widget[name='sender_number'] input:value('973/412/Bapenda-III/2026')",
        },
        {
            content: "The sender is filled",
            trigger: ".o_field_widget[name='sender_name'] input:value('Badan Pendapatan Daerah Kabupaten Paser')",
        },
        {
            content: "Register",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_register']",
            run: "click",
        },
        {
            content: "The letter is registered",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='received']",
        },
        {
            content: "What the dispositions rest on is read-only now",
            trigger: ".o_form_view .o_field_widget[name='sifat'].o_readonly_modifier",
        },
    ],
});
