#include "models/childruntimes.h"

#include "models/childjobmodel.h"
#include "models/timeformat.h"

#include <QDateTime>

#include <algorithm>

namespace dd::models {

qint64 ChildRunTimes::Entry::durationNs(qint64 now) const
{
    const qint64 finish = end == End::Open ? now : endNs;
    return std::max<qint64>(0, finish - submitNs);
}

ChildRunTimes::ChildRunTimes(QObject *parent)
    : QObject(parent)
{}

ChildRunTimes::~ChildRunTimes() = default;

bool ChildRunTimes::isFinished(const QString &outcome)
{
    return outcome == u"complete" || outcome == u"failed" || outcome == u"dead";
}

void ChildRunTimes::setModel(ChildJobModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_entries.clear();
    m_submitOf.clear();
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &, int first, int last) {
                    onRowsAboutToBeRemoved(first, last);
                });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    onDataChanged(topLeft.row(), bottomRight.row());
                });
        connect(model, &QAbstractItemModel::modelReset, this, [this]() {
            m_needsRescan = true;
            Q_EMIT changed();
        });
        if (model->rowCount() > 0)
            onRowsInserted(0, model->rowCount() - 1);
    }
    Q_EMIT changed();
}

void ChildRunTimes::setCapacity(int capacity)
{
    capacity = std::max(1, capacity);
    if (capacity == m_capacity)
        return;
    m_capacity = capacity;
    m_needsRescan = true;
    Q_EMIT changed();
}

void ChildRunTimes::onRowsInserted(int first, int last)
{
    for (int row = first; row <= last; ++row)
        consider(row);
    Q_EMIT changed();
}

void ChildRunTimes::consider(int row)
{
    const JobStub &stub = m_model->at(row).stub;
    const Key key{stub.submitTime, stub.id};
    if (m_submitOf.contains(stub.id))
        return;
    if (int(m_entries.size()) >= m_capacity) {
        if (key < m_entries.begin()->first)
            return; // older than every child kept
        m_submitOf.remove(m_entries.begin()->second.id);
        m_entries.erase(m_entries.begin());
    }
    Entry entry;
    entry.id = stub.id;
    entry.submitNs = stub.submitTime;
    updateEntry(entry, ChildJobModel::outcomeOf(stub), true);
    m_entries.emplace(key, entry);
    m_submitOf.insert(stub.id, stub.submitTime);
}

void ChildRunTimes::updateEntry(Entry &entry, const QString &outcome, bool fresh)
{
    const bool wasFinished = !fresh && isFinished(entry.outcome);
    entry.outcome = outcome;
    if (!isFinished(outcome)) {
        entry.end = End::Open;
        entry.endNs = 0;
    } else if (fresh) {
        entry.end = End::Unknown; // finished before it was seen
    } else if (!wasFinished) {
        // Seen finishing on the live list: a good first guess, until its
        // allocations tell the exact time.
        entry.end = End::Observed;
        entry.endNs = std::max(nowNs(), entry.submitNs);
    }
}

void ChildRunTimes::onRowsAboutToBeRemoved(int first, int last)
{
    if (first == 0 && last == m_model->rowCount() - 1) {
        m_entries.clear();
        m_submitOf.clear();
        m_needsRescan = false;
        Q_EMIT changed();
        return;
    }
    for (int row = first; row <= last; ++row) {
        const QString &id = m_model->at(row).stub.id;
        const auto it = m_submitOf.constFind(id);
        if (it == m_submitOf.cend())
            continue;
        m_entries.erase(Key{*it, id});
        m_submitOf.erase(it);
        // An older child may now be among the newest: look again once removed.
        m_needsRescan = true;
    }
    Q_EMIT changed();
}

void ChildRunTimes::onDataChanged(int first, int last)
{
    bool any = false;
    for (int row = first; row <= last; ++row) {
        const JobStub &stub = m_model->at(row).stub;
        const auto it = m_submitOf.constFind(stub.id);
        if (it == m_submitOf.cend())
            continue; // older than every child kept
        auto entry = m_entries.find(Key{*it, stub.id});
        if (entry == m_entries.end())
            continue;
        const QString outcome = ChildJobModel::outcomeOf(stub);
        if (outcome == entry->second.outcome)
            continue; // e.g. only the meta arrived
        updateEntry(entry->second, outcome, false);
        any = true;
    }
    if (any)
        Q_EMIT changed();
}

void ChildRunTimes::rescan()
{
    m_needsRescan = false;
    // What is known of each child's end survives the rescan.
    QHash<QString, std::pair<End, qint64>> ends;
    for (const auto &[key, entry] : m_entries)
        ends.insert(entry.id, {entry.end, entry.endNs});
    m_entries.clear();
    m_submitOf.clear();
    if (!m_model)
        return;
    for (int row = 0; row < m_model->rowCount(); ++row)
        consider(row);
    for (auto &[key, entry] : m_entries) {
        const auto it = ends.constFind(entry.id);
        if (it != ends.cend() && isFinished(entry.outcome) && it->first != End::Open) {
            entry.end = it->first;
            entry.endNs = it->second;
        }
    }
}

ChildRunTimes::Points ChildRunTimes::points(qint64 now, const QSet<QString> &filter)
{
    if (m_needsRescan)
        rescan();
    Points p;
    for (const auto &[key, entry] : m_entries) {
        if (entry.end == End::Unknown) {
            ++p.waiting;
            continue;
        }
        if (entry.end == End::Unknowable) {
            ++p.unknowable;
            continue;
        }
        if (!filter.isEmpty() && !filter.contains(entry.outcome))
            continue;
        const qint64 duration = entry.durationNs(now);
        p.points[entry.outcome].append({entry.submitNs, duration});
        p.ids[entry.outcome].append(entry.id);
        ++p.count;
        p.maxDurationNs = std::max(p.maxDurationNs, duration);
        p.minSubmitNs =
            p.minSubmitNs == 0 ? entry.submitNs : std::min(p.minSubmitNs, entry.submitNs);
        p.maxSubmitNs = std::max(p.maxSubmitNs, entry.submitNs);
    }
    return p;
}

const ChildRunTimes::Entry *ChildRunTimes::entry(const QString &id) const
{
    const auto it = m_submitOf.constFind(id);
    if (it == m_submitOf.cend())
        return nullptr;
    const auto entry = m_entries.find(Key{*it, id});
    return entry == m_entries.end() ? nullptr : &entry->second;
}

QStringList ChildRunTimes::idsWithoutFinishTime(int max) const
{
    QStringList ids;
    for (auto it = m_entries.rbegin(); it != m_entries.rend() && ids.size() < max; ++it) {
        if (it->second.end == End::Unknown || it->second.end == End::Observed)
            ids.append(it->second.id);
    }
    return ids;
}

void ChildRunTimes::setFinishTime(const QString &id, std::optional<qint64> finishedNs)
{
    const auto it = m_submitOf.constFind(id);
    if (it == m_submitOf.cend())
        return;
    auto entry = m_entries.find(Key{*it, id});
    if (entry == m_entries.end() || !isFinished(entry->second.outcome))
        return;
    Entry &e = entry->second;
    if (finishedNs && *finishedNs > 0) {
        e.end = End::Read;
        e.endNs = std::max(*finishedNs, e.submitNs);
    } else if (e.end == End::Observed) {
        e.end = End::Read; // the moment it was seen finishing is as good as it gets
    } else {
        e.end = End::Unknowable;
    }
    Q_EMIT changed();
}

QString ChildRunTimes::describe(const QString &id, qint64 now) const
{
    const Entry *e = entry(id);
    if (!e)
        return {};
    const QString submitted =
        QDateTime::fromMSecsSinceEpoch(e->submitNs / kNsPerMs).toString(u"yyyy-MM-dd HH:mm:ss");
    const QString duration = durationText(e->durationNs(now));
    QString how;
    if (e->end == End::Open)
        how = e->outcome == u"pending" ? tr("waiting for %1 so far").arg(duration)
                                       : tr("running for %1 so far").arg(duration);
    else
        how = tr("ran %1").arg(duration);
    return tr("%1\n%2, %3\nSubmitted %4")
        .arg(e->id, ChildJobModel::statusText(e->outcome), how, submitted);
}

} // namespace dd::models
