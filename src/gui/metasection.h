#pragma once
// The meta part of the dispatch form: a key/value table built from the job's
// schema, with the parent's defaults shown and refused keys explained.

#include "core/types.h"

#include <QWidget>

#include <memory>

namespace Ui {
class MetaSection;
}

namespace dd::models {
class MetaEditModel;
}

namespace dd::gui {

class MetaSection : public QWidget
{
    Q_OBJECT
public:
    explicit MetaSection(QWidget *parent = nullptr);
    ~MetaSection() override;

    void setJob(const Job &job);
    MetaMap requestMeta() const;
    void setValues(const MetaMap &values);
    void clearValues();
    models::MetaEditModel *model() const { return m_model; }
    // Sets a value by key, adding the row if needed (for tests and "dispatch again").
    void setValue(const QString &key, const QString &value);
    // Adds a row the user names (typed keys may be refused).
    void addOtherKey(const QString &key = {});

Q_SIGNALS:
    void changed();

private:
    void addOptional();
    void removeCurrent();
    void updateControls();

    std::unique_ptr<Ui::MetaSection> m_ui;
    models::MetaEditModel *m_model;
};

} // namespace dd::gui
