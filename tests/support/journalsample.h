#pragma once
// One dispatch's journal entry as the CLI begins it, for the journal's tests.

#include "core/dispatchjournal.h"

namespace dd::test {

inline JournalEntry sampleJournalEntry()
{
    using namespace Qt::Literals::StringLiterals;
    JournalEntry e;
    e.source = u"cli"_s;
    e.profile = u"prod"_s;
    e.address = u"https://nomad.example:4646"_s;
    e.jobId = u"video-encode"_s;
    e.nameSpace = u"default"_s;
    e.meta.insert(u"input-codec"_s, u"mp4"_s);
    e.payloadSha256 = DispatchJournal::payloadHash("payload");
    e.payloadSize = 7;
    return e;
}

} // namespace dd::test
