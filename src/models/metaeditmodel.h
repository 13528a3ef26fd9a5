#pragma once
// The meta of a dispatch being written: one row per required key (which
// cannot be removed), the parent's defaults shown and overridable, optional
// keys added from the schema, and keys the user typed that the job may refuse.

#include "core/types.h"

#include <QAbstractTableModel>

namespace dd::models {

struct MetaRow
{
    enum class Kind { Required, Optional, Extra };
    QString key;
    QString value;
    bool valueSet = false;
    Kind kind = Kind::Extra;
};

class MetaEditModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, NoteColumn, ColumnCount };
    enum Role { KindRole = Qt::UserRole, IsDefaultRole, AllowedRole, KeyRole };

    explicit MetaEditModel(QObject *parent = nullptr);

    // A new form: required keys, and optional keys that have a default.
    void setSchema(const ParameterizedConfig &schema, const MetaMap &defaults);
    // Adds a row for the key (or finds it) and returns its row.
    int addKey(const QString &key);
    bool canRemove(int row) const;
    // Sets the values, adding rows for keys not shown yet ("Dispatch again").
    void setValues(const MetaMap &values);
    void clearValues();

    // What the dispatch sends: defaults are left to the server to merge.
    MetaMap requestMeta() const;
    QStringList allowedKeys() const;
    // Optional keys of the schema that have no row yet.
    QStringList addableKeys() const;
    // Keys present in the form that the job does not accept.
    QStringList refusedKeys() const;
    const QList<MetaRow> &metaRows() const { return m_rows; }
    int rowOfKey(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

private:
    MetaRow::Kind kindOf(const QString &key) const;
    QString noteFor(const MetaRow &row) const;

    ParameterizedConfig m_schema;
    MetaMap m_defaults;
    QList<MetaRow> m_rows;
};

} // namespace dd::models
