// Precompiled header for the desktop app's widgets.
#pragma once
#ifdef __cplusplus
#include "network.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidget>
#endif
