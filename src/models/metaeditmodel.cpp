#include "models/metaeditmodel.h"

namespace dd::models {

MetaEditModel::MetaEditModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

MetaRow::Kind MetaEditModel::kindOf(const QString &key) const
{
    if (m_schema.metaRequired.contains(key))
        return MetaRow::Kind::Required;
    if (m_schema.metaOptional.contains(key))
        return MetaRow::Kind::Optional;
    return MetaRow::Kind::Extra;
}

void MetaEditModel::setSchema(const ParameterizedConfig &schema, const MetaMap &defaults)
{
    // A different job: nothing of the old form carries over.
    beginResetModel();
    m_schema = schema;
    m_defaults = defaults;
    m_rows.clear();
    for (const QString &key : schema.metaRequired)
        m_rows.append({key, {}, false, MetaRow::Kind::Required});
    for (const QString &key : schema.metaOptional) {
        if (defaults.contains(key))
            m_rows.append({key, {}, false, MetaRow::Kind::Optional});
    }
    endResetModel();
}

int MetaEditModel::rowOfKey(const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key == key)
            return i;
    }
    return -1;
}

int MetaEditModel::addKey(const QString &key)
{
    const int existing = key.isEmpty() ? -1 : rowOfKey(key);
    if (existing >= 0)
        return existing;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({key, {}, false, kindOf(key)});
    endInsertRows();
    return row;
}

bool MetaEditModel::canRemove(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).kind != MetaRow::Kind::Required;
}

bool MetaEditModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || count <= 0 || row < 0 || row + count > m_rows.size())
        return false;
    for (int i = row; i < row + count; ++i) {
        if (!canRemove(i))
            return false;
    }
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    return true;
}

void MetaEditModel::setValues(const MetaMap &values)
{
    for (auto it = values.begin(); it != values.end(); ++it) {
        const int row = addKey(it.key());
        setData(index(row, ValueColumn), it.value());
    }
}

void MetaEditModel::clearValues()
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).valueSet || !m_rows.at(row).value.isEmpty()) {
            m_rows[row].value.clear();
            m_rows[row].valueSet = false;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

MetaMap MetaEditModel::requestMeta() const
{
    MetaMap meta;
    for (const MetaRow &row : m_rows) {
        switch (row.kind) {
        case MetaRow::Kind::Required:
            // An empty required value is as good as missing to the person filling the form.
            if (!row.value.isEmpty())
                meta.insert(row.key, row.value);
            break;
        case MetaRow::Kind::Optional:
            if (row.valueSet)
                meta.insert(row.key, row.value);
            break;
        case MetaRow::Kind::Extra:
            if (!row.key.isEmpty())
                meta.insert(row.key, row.value);
            break;
        }
    }
    return meta;
}

QStringList MetaEditModel::allowedKeys() const
{
    return m_schema.metaRequired + m_schema.metaOptional;
}

QStringList MetaEditModel::addableKeys() const
{
    QStringList keys;
    for (const QString &key : m_schema.metaOptional) {
        if (rowOfKey(key) < 0)
            keys.append(key);
    }
    return keys;
}

QStringList MetaEditModel::refusedKeys() const
{
    QStringList keys;
    for (const MetaRow &row : m_rows) {
        if (row.kind == MetaRow::Kind::Extra && !row.key.isEmpty())
            keys.append(row.key);
    }
    return keys;
}

int MetaEditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MetaEditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MetaEditModel::noteFor(const MetaRow &row) const
{
    const auto def = m_defaults.constFind(row.key);
    switch (row.kind) {
    case MetaRow::Kind::Required:
        if (def != m_defaults.cend())
            return tr("Required (job default “%1”)").arg(*def);
        return tr("Required");
    case MetaRow::Kind::Optional:
        if (def != m_defaults.cend())
            return row.valueSet ? tr("Overrides the job default “%1”").arg(*def)
                                : tr("Optional: the job default is used");
        return tr("Optional");
    case MetaRow::Kind::Extra:
        if (row.key.isEmpty())
            return tr("Type a key");
        return tr("Not accepted by this job");
    }
    return {};
}

QVariant MetaEditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MetaRow &row = m_rows.at(index.row());
    const bool showsDefault = !row.valueSet && m_defaults.contains(row.key);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return row.kind == MetaRow::Kind::Required ? QString(row.key + u" *") : row.key;
        case ValueColumn:
            return showsDefault ? m_defaults.value(row.key) : row.value;
        case NoteColumn:
            return noteFor(row);
        }
        break;
    case Qt::EditRole:
        if (index.column() == KeyColumn)
            return row.key;
        if (index.column() == ValueColumn)
            return row.valueSet ? row.value : m_defaults.value(row.key);
        break;
    case Qt::ToolTipRole:
        if (index.column() == KeyColumn && row.kind == MetaRow::Kind::Required)
            return tr("Required by the job: it cannot be removed");
        if (row.kind == MetaRow::Kind::Extra && !row.key.isEmpty())
            return tr("The job accepts only: %1").arg(allowedKeys().join(u", "));
        break;
    case KindRole:
        return int(row.kind);
    case IsDefaultRole:
        return showsDefault;
    case AllowedRole:
        return row.kind != MetaRow::Kind::Extra;
    case KeyRole:
        return row.key;
    default:
        break;
    }
    return {};
}

bool MetaEditModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    MetaRow &row = m_rows[index.row()];
    const QString text = value.toString();
    if (index.column() == KeyColumn) {
        if (row.kind != MetaRow::Kind::Extra)
            return false;
        const QString key = text.trimmed();
        const int other = rowOfKey(key);
        if (other >= 0 && other != index.row())
            return false; // one row per key
        row.key = key;
        row.kind = kindOf(key);
    } else if (index.column() == ValueColumn) {
        // Clearing an overridden default goes back to the default.
        row.valueSet = !text.isEmpty();
        row.value = text;
    } else {
        return false;
    }
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

Qt::ItemFlags MetaEditModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const MetaRow &row = m_rows.at(index.row());
    if (index.column() == ValueColumn ||
        (index.column() == KeyColumn && row.kind == MetaRow::Kind::Extra))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant MetaEditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case NoteColumn:
        return tr("Notes");
    }
    return {};
}

} // namespace dd::models
