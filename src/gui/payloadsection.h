#pragma once
// The payload part of the dispatch form: the job's rule, an editor that knows
// JSON, text and binary, loading from a file, and a size meter against
// Nomad's 16 KiB limit.

#include "core/types.h"

#include <QWidget>

#include <memory>

namespace Ui {
class PayloadSection;
}

namespace dd::gui {

class PayloadEditor;
class Prompter;

class PayloadSection : public QWidget
{
    Q_OBJECT
public:
    explicit PayloadSection(QWidget *parent = nullptr);
    ~PayloadSection() override;

    void setPrompter(Prompter *prompter) { m_prompter = prompter; }
    void setRule(PayloadRule rule);
    PayloadRule rule() const { return m_rule; }

    QByteArray payload() const;
    // An empty file loaded on purpose still counts, as for the CLI.
    bool hasPayload() const;
    void setPayload(const QByteArray &bytes);
    bool loadFile(const QString &path);
    // The file the payload was loaded from, while it is unedited; else empty.
    QString loadedFile() const { return m_loadedPath; }
    void clear();
    PayloadEditor *editor() const;

Q_SIGNALS:
    void changed();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void chooseFile();
    void formatJson();
    void updateState();
    void apply(const QByteArray &bytes);

    std::unique_ptr<Ui::PayloadSection> m_ui;
    Prompter *m_prompter = nullptr;
    PayloadRule m_rule = PayloadRule::Optional;
    QString m_loadedFile;
    QString m_loadedPath;
    QString m_loadError;
    bool m_loadedEmptyFile = false;
    bool m_applying = false;
};

} // namespace dd::gui
