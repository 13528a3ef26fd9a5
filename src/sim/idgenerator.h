#pragma once
// Random IDs in Nomad's form. Seedable, so a seeded simulator hands out the
// same IDs on every run (handy when comparing runs or writing docs).

#include <QRandomGenerator>
#include <QString>

namespace dd::sim {

class IdGenerator
{
public:
    // seed 0 means "seed from the system".
    explicit IdGenerator(quint64 seed = 0);

    // 36 lower-case characters, 8-4-4-4-12, no RFC 4122 version bits (Nomad's
    // uuid.Generate is plain random hex).
    QString uuid();
    QString hex(int characters);
    double unit(); // [0, 1)
    quint32 bounded(quint32 limit);

private:
    QRandomGenerator m_random;
};

// Nomad's ACL token lookup is a go-memdb UUID index; these are its errors.
// An empty result means the text is a well-formed UUID.
QString uuidFormatError(const QString &text);

} // namespace dd::sim
