// How Mozilla's ical.js (Thunderbird's parser) reads our calendars, for tests/termine/test_ical_zeitzone.py.
//
// stdin: a JSON list of iCalendar texts. stdout: a JSON list with, per calendar, one entry per
// VEVENT: {uid, vorkommen: [[start, ende], ...]} with every occurrence before `bis` (argv[2],
// a UTC time such as 2036-01-01T00:00:00Z) as UTC ISO strings ("2027-04-08T16:00:00Z"), or as "YYYY-MM-DD" for all-day
// events. The time zone used is the VTIMEZONE in the text itself, as Thunderbird does.
import ICAL from "ical.js";

const HOECHSTENS = 2000;

function lesen() {
  return new Promise((fertig) => {
    let text = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (teil) => (text += teil));
    process.stdin.on("end", () => fertig(text));
  });
}

function utc(zeit) {
  if (zeit.isDate) {
    return zeit.toString();
  }
  return zeit.toJSDate().toISOString().replace(".000Z", "Z");
}

function vorkommen(event, bis) {
  if (!event.isRecurring()) {
    return [[utc(event.startDate), utc(event.endDate)]];
  }
  const liste = [];
  const iterator = event.iterator();
  for (let naechstes = iterator.next(); naechstes; naechstes = iterator.next()) {
    if (naechstes.compare(bis) >= 0 || liste.length >= HOECHSTENS) {
      break;
    }
    const einzeln = event.getOccurrenceDetails(naechstes);
    liste.push([utc(einzeln.startDate), utc(einzeln.endDate)]);
  }
  return liste;
}

const bis = ICAL.Time.fromDateTimeString(process.argv[2] || "2036-01-01T00:00:00Z");
const kalender = JSON.parse(await lesen());
const ergebnis = kalender.map((text) => {
  const vcalendar = new ICAL.Component(ICAL.parse(text));
  return vcalendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return { uid: event.uid, vorkommen: vorkommen(event, bis) };
  });
});
process.stdout.write(JSON.stringify(ergebnis));
