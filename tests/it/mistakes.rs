//! The mistakes a contributor makes in a text editor or a word processor,
//! each with the message `check` gives, in English and in Khmer: the line,
//! what is wrong in plain words, and the line as it should be written.

use std::process::Command;

use crate::common::Site;

/// One mistake: the file written, and a part of what `check` says about it
/// in each language.
struct Case {
    name: &'static str,
    path: &'static str,
    text: &'static [u8],
    en: &'static str,
    km: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "a colon in an unquoted title",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: Notice: ballot draw\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:2:1: error: the value of `title` holds a colon followed by a space, which YAML reads as a new field\n  hint: put the value in quotes: `title: \"Notice: ballot draw\"`",
        km: "t.en.md:2:1: កំហុស: តម្លៃរបស់ `title` មានសញ្ញា `:` ហើយដកឃ្លា ដែល YAML អានថាជាវាលថ្មី\n  ណែនាំ: ដាក់តម្លៃក្នុងសញ្ញាសម្រង់៖ `title: \"Notice: ballot draw\"`",
    },
    Case {
        name: "curly quotes around a title with a colon",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: \xe2\x80\x9cNotice: ballot draw\xe2\x80\x9d\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:2:1: error: the value of `title` is in curly quotes (“ ” or ‘ ’), which a word processor puts in; YAML takes them as part of the text\n  hint: use straight quotes: `title: \"Notice: ballot draw\"`",
        km: "t.en.md:2:1: កំហុស: តម្លៃរបស់ `title` នៅក្នុងសញ្ញាសម្រង់កោង (“ ” ឬ ‘ ’) ដែលកម្មវិធីវាយអត្ថបទ (ដូចជា Word) ដាក់ចូល; YAML យកវាជាផ្នែកនៃអត្ថបទ\n  ណែនាំ: ប្រើសញ្ញាសម្រង់ត្រង់ (\")៖ `title: \"Notice: ballot draw\"`",
    },
    Case {
        name: "curly quotes around a title",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: \xe2\x80\x9cAnnouncement list\"\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:2:1: error: field `title`: the value of `title` is in curly quotes (“ ” or ‘ ’), which a word processor puts in; YAML takes them as part of the text\n  hint: use straight quotes: `title: \"Announcement list\"`",
        km: "t.en.md:2:1: កំហុស: វាល `title`: តម្លៃរបស់ `title` នៅក្នុងសញ្ញាសម្រង់កោង (“ ” ឬ ‘ ’) ដែលកម្មវិធីវាយអត្ថបទ (ដូចជា Word) ដាក់ចូល; YAML យកវាជាផ្នែកនៃអត្ថបទ\n  ណែនាំ: ប្រើសញ្ញាសម្រង់ត្រង់ (\")៖ `title: \"Announcement list\"`",
    },
    Case {
        name: "curly quotes inside a title",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: The \xe2\x80\x9cClean Elections\xe2\x80\x9d list\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:2:1: warning: field `title`: the value of `title` holds curly quotes (“ ”); they are shown on the page as written\n  hint: keep them only if they are part of the title, e.g. a quoted name",
        km: "t.en.md:2:1: ការព្រមាន: វាល `title`: តម្លៃរបស់ `title` មានសញ្ញាសម្រង់កោង (“ ”); វានឹងបង្ហាញលើទំព័រដូចដែលបានសរសេរ\n  ណែនាំ: ទុកវាតែបើវាជាផ្នែកនៃចំណងជើងមែន ឧទាហរណ៍ ឈ្មោះដែលដកស្រង់",
    },
    Case {
        name: "a quote left open",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: \"Notice\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:2:1: error: the value of `title` opens a quote that it does not close\n  hint: close the quote at the end of the line: `title: \"Notice\"`",
        km: "t.en.md:2:1: កំហុស: តម្លៃរបស់ `title` បើកសញ្ញាសម្រង់ ប៉ុន្តែមិនបិទវាទេ\n  ណែនាំ: បិទសញ្ញាសម្រង់នៅចុងបន្ទាត់៖ `title: \"Notice\"`",
    },
    Case {
        name: "text after the closing quote",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: \"Notice\" of the NEC\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:2:1: error: the value of `title` goes on after its closing quote\n  hint: put the value in quotes: `title: '\"Notice\" of the NEC'`",
        km: "t.en.md:2:1: កំហុស: តម្លៃរបស់ `title` នៅបន្តទៀតក្រោយសញ្ញាសម្រង់បិទ\n  ណែនាំ: ដាក់តម្លៃក្នុងសញ្ញាសម្រង់៖ `title: '\"Notice\" of the NEC'`",
    },
    Case {
        name: "no closing fence",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: Notice\ndate: 2023-01-01\ntype: announcement\n\nThe text.\n",
        en: "t.en.md:1:1: error: the front matter is not closed by a `---` line\n  hint: add a line `---` after the last field (line 4), before the text",
        km: "t.en.md:1:1: កំហុស: ផ្នែកព័ត៌មានខាងលើ (front matter) មិនត្រូវបានបិទដោយបន្ទាត់ `---` ទេ\n  ណែនាំ: បន្ថែមបន្ទាត់ `---` បន្ទាប់ពីវាលចុងក្រោយ (បន្ទាត់ទី ៤) មុនអត្ថបទ",
    },
    Case {
        name: "a list without brackets, in labels and capitals",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: Notice\ndate: 2023-01-01\ntype: announcement\ntags: Ballot, \xe1\x9e\x80\xe1\x9e\xb6\xe1\x9e\x9a\xe1\x9e\x85\xe1\x9e\xbb\xe1\x9f\x87\xe1\x9e\x88\xe1\x9f\x92\xe1\x9e\x98\xe1\x9f\x84\xe1\x9f\x87\xe1\x9e\x94\xe1\x9f\x84\xe1\x9f\x87\xe1\x9e\x86\xe1\x9f\x92\xe1\x9e\x93\xe1\x9f\x84\xe1\x9e\x8f\n---\n",
        en: "t.en.md:5:1: error: field `tags`: `tags` is a list, written here as plain text\n  hint: write the list in square brackets: `tags: [ballot, voter-registration]`, or one item per line starting with `- `",
        km: "t.en.md:5:1: កំហុស: វាល `tags`: `tags` ជាបញ្ជី ប៉ុន្តែនៅទីនេះសរសេរជាអត្ថបទធម្មតា\n  ណែនាំ: សរសេរបញ្ជីក្នុងវង់ក្រចកការ៉េ៖ `tags: [ballot, voter-registration]` ឬមួយធាតុក្នុងមួយបន្ទាត់ ដោយចាប់ផ្តើមដោយ `- `",
    },
    Case {
        name: "a byte-order mark",
        path: "content/announcements/t.en.md",
        text: b"\xef\xbb\xbf---\ntitle: Notice\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:1:1: warning: the file starts with an invisible byte-order mark (BOM), which some editors on Windows add\n  hint: it is ignored; to remove it, save the file as \"UTF-8\" rather than \"UTF-8 with BOM\"",
        km: "t.en.md:1:1: ការព្រមាន: ហ្វាលនេះចាប់ផ្តើមដោយសញ្ញាមើលមិនឃើញ (BOM) ដែលកម្មវិធីកែខ្លះនៅលើ Windows បន្ថែម\n  ណែនាំ: វាត្រូវបានមិនអើពើ; ដើម្បីលុបវា រក្សាទុកហ្វាលជា \"UTF-8\" មិនមែន \"UTF-8 with BOM\"",
    },
    Case {
        name: "Windows line endings",
        path: "content/announcements/t.en.md",
        text: b"---\r\ntitle: Notice\r\ndate: 2023-01-01\r\ntype: announcement\r\n---\r\n",
        en: "t.en.md:1:1: warning: the file has Windows line endings (CR LF)\n  hint: they are read as usual; to match the other files, save it with LF line endings (most editors show \"CRLF\" in their status bar: click it)",
        km: "t.en.md:1:1: ការព្រមាន: ហ្វាលនេះមានចុងបន្ទាត់តាមបែប Windows (CR LF)\n  ណែនាំ: វានៅតែអានបានធម្មតា; ដើម្បីឱ្យដូចហ្វាលផ្សេងទៀត រក្សាទុកវាជាមួយចុងបន្ទាត់ LF (កម្មវិធីកែភាគច្រើនបង្ហាញ \"CRLF\" នៅរបារខាងក្រោម៖ ចុចលើវា)",
    },
    Case {
        name: "old Mac line endings",
        path: "content/announcements/t.en.md",
        text: b"---\rtitle: Notice\rdate: 2023-01-01\rtype: announcement\r---\r",
        en: "t.en.md:1:1: error: the lines of this file end with a carriage return (CR) alone, which no other tool reads as a line break\n  hint: save the file with LF (or CR LF) line endings; in a word processor, save it as plain text (UTF-8)",
        km: "t.en.md:1:1: កំហុស: បន្ទាត់នៃហ្វាលនេះបញ្ចប់ដោយ CR តែឯង ដែលកម្មវិធីផ្សេងទៀតមិនអានថាជាការចុះបន្ទាត់ទេ\n  ណែនាំ: រក្សាទុកហ្វាលជាមួយចុងបន្ទាត់ LF (ឬ CR LF); ក្នុងកម្មវិធីវាយអត្ថបទ រក្សាទុកជាអត្ថបទធម្មតា (UTF-8)",
    },
    Case {
        name: "no space after the colon",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle:Notice\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:2:1: error: `title:` needs a space after the colon\n  hint: write: `title: Notice`",
        km: "t.en.md:2:1: កំហុស: `title:` ត្រូវការដកឃ្លាមួយបន្ទាប់ពីសញ្ញា `:`\n  ណែនាំ: សរសេរ៖ `title: Notice`",
    },
    Case {
        name: "a hash in a title",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: Decision #12\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:2:1: error: the value of `title` holds ` #`, which YAML reads as the start of a comment: the rest of the value is left out\n  hint: put the value in quotes: `title: \"Decision #12\"`",
        km: "t.en.md:2:1: កំហុស: តម្លៃរបស់ `title` មាន ` #` ដែល YAML អានថាជាការចាប់ផ្តើមនៃមតិយោបល់ (comment)៖ ផ្នែកដែលនៅសល់នៃតម្លៃត្រូវបានទុកចោល\n  ណែនាំ: ដាក់តម្លៃក្នុងសញ្ញាសម្រង់៖ `title: \"Decision #12\"`",
    },
    Case {
        name: "a field written twice",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\ntitle: B\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:3:1: error: the field `title` is written twice\n  hint: keep one of the two lines",
        km: "t.en.md:3:1: កំហុស: វាល `title` ត្រូវបានសរសេរពីរដង\n  ណែនាំ: ទុកតែបន្ទាត់មួយក្នុងចំណោមបន្ទាត់ទាំងពីរ",
    },
    Case {
        name: "a line of text in the front matter",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\nThe NEC announces the draw\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md:3:1: error: this line is not a `field: value` line\n  hint: each line of the front matter is a field name, a colon, a space and the value, e.g. `title: Ballot draw`; a text that goes on goes in the value, in quotes",
        km: "t.en.md:3:1: កំហុស: បន្ទាត់នេះមិនមែនជាបន្ទាត់ `វាល: តម្លៃ` ទេ\n  ណែនាំ: បន្ទាត់នីមួយៗនៃផ្នែកព័ត៌មានខាងលើ គឺឈ្មោះវាល សញ្ញា `:` ដកឃ្លា និងតម្លៃ ឧទាហរណ៍ `title: ការចាប់ឆ្នោត`; អត្ថបទវែងត្រូវដាក់ក្នុងតម្លៃ ក្នុងសញ្ញាសម្រង់",
    },
    Case {
        name: "a date written DD/MM/YYYY",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\ndate: 15/03/2021\ntype: announcement\n---\n",
        en: "t.en.md:3:1: error: field `date`: `15/03/2021` is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY\n  hint: write `2021-03-15` (year-month-day, in ASCII digits)",
        km: "t.en.md:3:1: កំហុស: វាល `date`: `15/03/2021` មិនមែនជាកាលបរិច្ឆេទក្នុងទម្រង់ YYYY-MM-DD, YYYY-MM ឬ YYYY ទេ\n  ណែនាំ: សរសេរ `2021-03-15` (ឆ្នាំ-ខែ-ថ្ងៃ ជាលេខឡាតាំង)",
    },
    Case {
        name: "a date in Khmer digits",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\ndate: \xe1\x9f\xa2\xe1\x9f\xa0\xe1\x9f\xa2\xe1\x9f\xa3-\xe1\x9f\xa0\xe1\x9f\xa6-\xe1\x9f\xa2\xe1\x9f\xa2\ntype: announcement\n---\n",
        en: "t.en.md:3:1: error: field `date`: `២០២៣-០៦-២២` is written in Khmer digits; dates are written in ASCII digits\n  hint: write `2023-06-22` (year-month-day, in ASCII digits)",
        km: "t.en.md:3:1: កំហុស: វាល `date`: `២០២៣-០៦-២២` សរសេរជាលេខខ្មែរ; កាលបរិច្ឆេទត្រូវសរសេរជាលេខឡាតាំង (0-9)\n  ណែនាំ: សរសេរ `2023-06-22` (ឆ្នាំ-ខែ-ថ្ងៃ ជាលេខឡាតាំង)",
    },
    Case {
        name: "a type written as its Khmer label",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: \xe1\x9e\x9f\xe1\x9f\x81\xe1\x9e\x85\xe1\x9e\x80\xe1\x9f\x92\xe1\x9e\x8f\xe1\x9e\xb8\xe1\x9e\x94\xe1\x9f\x92\xe1\x9e\x9a\xe1\x9e\x80\xe1\x9e\xb6\xe1\x9e\x9f\n---\n",
        en: "t.en.md:4:1: error: field `type`: unknown type `សេចក្តីប្រកាស`\n  hint: write `announcement` (សេចក្តីប្រកាស / Announcement)",
        km: "t.en.md:4:1: កំហុស: វាល `type`: មិនស្គាល់ប្រភេទ `សេចក្តីប្រកាស` ទេ\n  ណែនាំ: សរសេរ `announcement` (សេចក្តីប្រកាស / Announcement)",
    },
    Case {
        name: "an organisation in capitals",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: announcement\norganization: NEC\n---\n",
        en: "t.en.md:5:1: error: field `organization`: unknown organization `NEC`\n  hint: write `nec` (គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត / National Election Committee)",
        km: "t.en.md:5:1: កំហុស: វាល `organization`: មិនស្គាល់ស្ថាប័ន `NEC` ទេ\n  ណែនាំ: សរសេរ `nec` (គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត / National Election Committee)",
    },
    Case {
        name: "a tag written as its Khmer label",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: announcement\ntags: [\xe1\x9e\x9f\xe1\x9e\x93\xe1\x9f\x92\xe1\x9e\x9b\xe1\x9e\xb9\xe1\x9e\x80\xe1\x9e\x86\xe1\x9f\x92\xe1\x9e\x93\xe1\x9f\x84\xe1\x9e\x8f]\n---\n",
        en: "t.en.md:5:1: error: field `tags`: unknown tag `សន្លឹកឆ្នោត`\n  hint: write `ballot` (សន្លឹកឆ្នោត / Ballot)",
        km: "t.en.md:5:1: កំហុស: វាល `tags`: មិនស្គាល់ស្លាក `សន្លឹកឆ្នោត` ទេ\n  ណែនាំ: សរសេរ `ballot` (សន្លឹកឆ្នោត / Ballot)",
    },
    Case {
        name: "an attachment path in other capitals",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: announcement\nattachments:\n  - file: Files/Ballot-Draw.PDF\n    title: x\n---\n",
        en: "t.en.md:6:1: error: field `attachments[0].file`: the attached file `Files/Ballot-Draw.PDF` does not exist\n  hint: did you mean `files/ballot-draw.pdf`? (it is in the folder)",
        km: "t.en.md:6:1: កំហុស: វាល `attachments[0].file`: ហ្វាលភ្ជាប់ `Files/Ballot-Draw.PDF` មិនមានទេ\n  ណែនាំ: តើអ្នកចង់សរសេរ `files/ballot-draw.pdf` ឬ? (វាមាននៅក្នុងថត)",
    },
    Case {
        name: "an attachment path misspelt",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: announcement\nattachments:\n  - file: files/balot-draw.pdf\n    title: x\n---\n",
        en: "t.en.md:6:1: error: field `attachments[0].file`: the attached file `files/balot-draw.pdf` does not exist\n  hint: did you mean `files/ballot-draw.pdf`? (it is in the folder)",
        km: "t.en.md:6:1: កំហុស: វាល `attachments[0].file`: ហ្វាលភ្ជាប់ `files/balot-draw.pdf` មិនមានទេ\n  ណែនាំ: តើអ្នកចង់សរសេរ `files/ballot-draw.pdf` ឬ? (វាមាននៅក្នុងថត)",
    },
    Case {
        name: "an attachment name with spaces",
        path: "content/announcements/t.en.md",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: announcement\nattachments:\n  - file: files/Ballot Draw (final).pdf\n    title: x\n---\n",
        en: "t.en.md:6:1: error: field `attachments[0].file`: the file name `Ballot Draw (final).pdf` may use only ASCII letters, digits, `-`, `_` and `.`\n  hint: rename the file, e.g. to `Ballot-Draw-final.pdf`",
        km: "t.en.md:6:1: កំហុស: វាល `attachments[0].file`: ឈ្មោះហ្វាល `Ballot Draw (final).pdf` អាចប្រើតែអក្សរឡាតាំង លេខ `-` `_` និង `.`\n  ណែនាំ: ប្តូរឈ្មោះហ្វាល ឧទាហរណ៍ទៅជា `Ballot-Draw-final.pdf`",
    },
    Case {
        name: "a misspelt section folder",
        path: "content/announcment/t.en.md",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "t.en.md: warning: `announcment` is a new section, named almost as `announcements`\n  hint: move the file into content/announcements/; a new section folder adds a new section to the site",
        km: "t.en.md: ការព្រមាន: `announcment` ជាថតផ្នែកថ្មី ដែលមានឈ្មោះស្ទើរតែដូច `announcements`\n  ណែនាំ: ផ្លាស់ហ្វាលទៅក្នុង content/announcements/; ថតផ្នែកថ្មីមួយបន្ថែមផ្នែកថ្មីមួយទៅគេហទំព័រ",
    },
    Case {
        name: "a file name with capitals and spaces",
        path: "content/announcements/Ballot Draw.en.md",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "Ballot Draw.en.md: error: the slug `Ballot Draw` must use only lowercase ASCII letters, digits and hyphens\n  hint: rename the file, e.g. to `content/announcements/ballot-draw.en.md`",
        km: "Ballot Draw.en.md: កំហុស: ឈ្មោះ URL (slug) `Ballot Draw` ត្រូវប្រើតែអក្សរឡាតាំងតូច (a-z) លេខ (0-9) និងសញ្ញា -\n  ណែនាំ: ប្តូរឈ្មោះហ្វាល ឧទាហរណ៍ទៅជា `content/announcements/ballot-draw.en.md`",
    },
    Case {
        name: "a file name ending in .MD",
        path: "content/announcements/notice.MD",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "notice.MD: error: a document's file name must end in .md\n  hint: rename the file, e.g. to `content/announcements/notice.km.md`",
        km: "notice.MD: កំហុស: ឈ្មោះហ្វាលរបស់ឯកសារត្រូវតែបញ្ចប់ដោយ .md\n  ណែនាំ: ប្តូរឈ្មោះហ្វាល ឧទាហរណ៍ទៅជា `content/announcements/notice.km.md`",
    },
    Case {
        name: "a language suffix in capitals",
        path: "content/announcements/notice.EN.md",
        text: b"---\ntitle: A\ndate: 2023-01-01\ntype: announcement\n---\n",
        en: "notice.EN.md: error: `EN` is not a language of this site\n  hint: rename the file, e.g. to `content/announcements/notice.en.md`",
        km: "notice.EN.md: កំហុស: `EN` មិនមែនជាភាសារបស់គេហទំព័រនេះទេ\n  ណែនាំ: ប្តូរឈ្មោះហ្វាល ឧទាហរណ៍ទៅជា `content/announcements/notice.en.md`",
    },
];

fn check(site: &Site, lang: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .args([
            "--root",
            site.root().to_str().unwrap(),
            "check",
            "--lang",
            lang,
        ])
        .output()
        .unwrap();
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn every_mistake_is_told_in_both_languages() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = Site::fixture("basic");
        let file = site.root().join(case.path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, case.text).unwrap();
        for (lang, expected) in [("en", case.en), ("km", case.km)] {
            let out = check(&site, lang);
            if !out.contains(expected) {
                failures.push(format!(
                    "{} ({lang}): expected\n{expected}\nin\n{out}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// An error in one language version is told once: the other version is not
/// also warned that it has no translation, which would send its author to
/// write a file that is there.
#[test]
fn an_error_in_a_version_does_not_make_it_missing() {
    let site = Site::fixture("basic");
    site.write(
        "content/announcements/ballot-draw.en.md",
        "---\ntitle: Ballot: draw\ndate: 2023-01-01\ntype: announcement\n---\n",
    );
    site.write(
        "content/announcements/notes.en.md",
        "---\ntitle: Notes\ndate: 2023-01-02\ntype: announcement\n---\nSee [the draw](ballot-draw.en.md).\n",
    );
    let out = check(&site, "en");
    assert!(out.contains("ballot-draw.en.md:2:1: error"), "{out}");
    assert!(!out.contains("which does not exist"), "{out}");
    assert!(
        !out.contains("ballot-draw.km.md: warning: there is no English version"),
        "{out}"
    );
}
