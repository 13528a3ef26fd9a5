#include "gui/metasection.h"

#include "gui/icons.h"
#include "models/metaeditmodel.h"
#include "ui_metasection.h"

#include <QHeaderView>
#include <QStyledItemDelegate>

namespace dd::gui {

using models::MetaEditModel;

namespace {
// Defaults read as placeholders; refused keys carry a warning sign.
class MetaDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == MetaEditModel::ValueColumn &&
            index.data(MetaEditModel::IsDefaultRole).toBool()) {
            option->font.setItalic(true);
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::PlaceholderText));
        }
        if (index.column() == MetaEditModel::NoteColumn &&
            !index.data(MetaEditModel::AllowedRole).toBool() &&
            !index.data(MetaEditModel::KeyRole).toString().isEmpty()) {
            option->icon = icon(QStringLiteral("warning"));
            option->features |= QStyleOptionViewItem::HasDecoration;
        }
    }
};
} // namespace

MetaSection::MetaSection(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MetaSection>())
    , m_model(new MetaEditModel(this))
{
    m_ui->setupUi(this);
    m_ui->metaTable->setModel(m_model);
    m_ui->metaTable->setItemDelegate(new MetaDelegate(m_ui->metaTable));
    m_ui->metaTable->horizontalHeader()->setSectionResizeMode(MetaEditModel::KeyColumn,
                                                              QHeaderView::ResizeToContents);
    m_ui->metaTable->horizontalHeader()->setSectionResizeMode(MetaEditModel::ValueColumn,
                                                              QHeaderView::Stretch);
    m_ui->metaTable->horizontalHeader()->setSectionResizeMode(MetaEditModel::NoteColumn,
                                                              QHeaderView::ResizeToContents);
    m_ui->metaTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->addOptionalButton->setIcon(icon(QStringLiteral("add")));
    m_ui->removeKeyButton->setIcon(icon(QStringLiteral("remove")));

    connect(m_ui->addOptionalButton, &QToolButton::clicked, this, &MetaSection::addOptional);
    connect(m_ui->addKeyButton, &QToolButton::clicked, this, [this]() { addOtherKey(); });
    connect(m_ui->removeKeyButton, &QToolButton::clicked, this, &MetaSection::removeCurrent);
    auto changedAll = [this]() {
        updateControls();
        Q_EMIT changed();
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, changedAll);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, changedAll);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, changedAll);
    connect(m_model, &QAbstractItemModel::modelReset, this, changedAll);
    connect(m_ui->metaTable->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MetaSection::updateControls);
    updateControls();
}

MetaSection::~MetaSection() = default;

void MetaSection::setJob(const Job &job)
{
    m_model->setSchema(job.parameterized.value_or(ParameterizedConfig{}), job.meta);
}

MetaMap MetaSection::requestMeta() const
{
    return m_model->requestMeta();
}

void MetaSection::setValues(const MetaMap &values)
{
    m_model->setValues(values);
}

void MetaSection::clearValues()
{
    m_model->clearValues();
}

void MetaSection::setValue(const QString &key, const QString &value)
{
    const int row = m_model->addKey(key);
    m_model->setData(m_model->index(row, MetaEditModel::ValueColumn), value);
}

void MetaSection::addOtherKey(const QString &key)
{
    const int row = m_model->addKey(key);
    const QModelIndex keyIndex =
        m_model->index(row, key.isEmpty() ? MetaEditModel::KeyColumn : MetaEditModel::ValueColumn);
    m_ui->metaTable->setCurrentIndex(keyIndex);
    if (isVisible())
        m_ui->metaTable->edit(keyIndex);
}

void MetaSection::addOptional()
{
    const QString key = m_ui->addOptionalCombo->currentText();
    if (key.isEmpty())
        return;
    const int row = m_model->addKey(key);
    const QModelIndex value = m_model->index(row, MetaEditModel::ValueColumn);
    m_ui->metaTable->setCurrentIndex(value);
    if (isVisible())
        m_ui->metaTable->edit(value);
}

void MetaSection::removeCurrent()
{
    const int row = m_ui->metaTable->currentIndex().row();
    if (m_model->canRemove(row))
        m_model->removeRows(row, 1);
}

void MetaSection::updateControls()
{
    const QStringList addable = m_model->addableKeys();
    if (addable != [this] {
            QStringList items;
            for (int i = 0; i < m_ui->addOptionalCombo->count(); ++i)
                items.append(m_ui->addOptionalCombo->itemText(i));
            return items;
        }()) {
        m_ui->addOptionalCombo->clear();
        m_ui->addOptionalCombo->addItems(addable);
    }
    m_ui->addOptionalCombo->setEnabled(!addable.isEmpty());
    m_ui->addOptionalButton->setEnabled(!addable.isEmpty());
    m_ui->addOptionalCombo->setPlaceholderText(addable.isEmpty() ? tr("No other optional keys")
                                                                 : QString());
    const int row = m_ui->metaTable->currentIndex().row();
    m_ui->removeKeyButton->setEnabled(m_model->canRemove(row));
    m_ui->removeKeyButton->setToolTip(row >= 0 && !m_model->canRemove(row)
                                          ? tr("Required keys cannot be removed")
                                          : tr("Remove the selected key"));

    const QStringList refused = m_model->refusedKeys();
    if (refused.isEmpty()) {
        showMessage(m_ui->metaErrorLabel, MessageKind::Error, {});
    } else {
        const QStringList allowed = m_model->allowedKeys();
        const QString quoted = u"“" + refused.join(u"”, “") + u"”";
        const QString text =
            allowed.isEmpty()
                ? tr("%1: this job accepts no meta keys.").arg(quoted)
                : tr("%1 not accepted by this job. It accepts: %2.")
                      .arg(refused.size() == 1 ? tr("%1 is").arg(quoted) : tr("%1 are").arg(quoted),
                           allowed.join(u", "));
        showMessage(m_ui->metaErrorLabel, MessageKind::Error, text);
    }
}

} // namespace dd::gui
